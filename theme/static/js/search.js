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
  // Pagefind's input only has a placeholder and title; give it a real, visible label.
  var input = document.querySelector("#zoeken input");
  if (input) {
    input.id = "zoekterm";
    var label = document.createElement("label");
    label.htmlFor = "zoekterm";
    label.className = "search-label";
    label.textContent = "Zoek op deze site";
    document.getElementById("zoeken").insertAdjacentElement("beforebegin", label);
  }
}());
