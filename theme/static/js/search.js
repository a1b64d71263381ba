// Starts the Pagefind search UI (served from our own /pagefind/) with Dutch texts.
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") { return; }
  new PagefindUI({
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    translations: {
      placeholder: "Zoek op de site",
      clear_search: "Wissen",
      load_more: "Meer resultaten",
      search_label: "Zoek op deze site",
      zero_results: "Niets gevonden voor [SEARCH_TERM]",
      many_results: "[COUNT] resultaten voor [SEARCH_TERM]",
      one_result: "1 resultaat voor [SEARCH_TERM]",
      searching: "Zoeken naar [SEARCH_TERM]..."
    }
  });
}());
