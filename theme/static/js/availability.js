// Shows live seats left on event pages. Enhancement only: the page works without it.
(function () {
  "use strict";
  var slots = document.querySelectorAll("p.seats-live[data-event]");
  if (!slots.length || !window.fetch) { return; }
  fetch("/api/beschikbaarheid.json", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.events) { return; }
      slots.forEach(function (slot) {
        var info = data.events[slot.getAttribute("data-event")];
        if (!info || typeof info.seats_left !== "number") { return; }
        if (info.seats_left > 0) {
          slot.textContent = "Nog " + info.seats_left + (info.seats_left === 1 ? " plaats" : " plaatsen") + " vrij.";
        } else {
          slot.textContent = "Vol: je kunt je aanmelden voor de wachtlijst" +
            (info.waiting ? " (" + info.waiting + (info.waiting === 1 ? " persoon wacht" : " mensen wachten") + ")." : ".");
        }
        slot.hidden = false;
      });
    })
    .catch(function () { /* no live numbers: the static page says enough */ });
}());
