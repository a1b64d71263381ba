// Live sign-up state from the app's availability JSON: seats left or "vol — wachtlijst" on cards,
// the event page and its button. Enhancement only: without it the built page says what the build knew.
(function () {
  "use strict";
  var badges = document.querySelectorAll("[data-signup-state]");
  var slots = document.querySelectorAll("p.seats-live[data-event]");
  var buttons = document.querySelectorAll("[data-signup-button]");
  if ((!badges.length && !slots.length) || !window.fetch) { return; }
  function plekken(n) { return n + (n === 1 ? " plek" : " plekken"); }
  fetch("/api/beschikbaarheid.json", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.events) { return; }
      badges.forEach(function (badge) {
        if (badge.getAttribute("data-state") !== "open") { return; }
        var info = data.events[badge.getAttribute("data-signup-state")];
        var text = badge.querySelector(".state-text");
        // Not in the list: since the build the event started or closed; the app takes no sign-ups.
        if (!info) { text.textContent = "Aanmelden gesloten"; return; }
        if (info.full) {
          text.textContent = "Vol — wachtlijst";
          badge.classList.add("state-full");
        } else {
          text.textContent = "Open — nog " + plekken(info.seats_left);
          badge.classList.add("state-seats");
        }
      });
      buttons.forEach(function (button) {
        var info = data.events[button.getAttribute("data-signup-button")];
        if (info && info.full) { button.textContent = "Zet me op de wachtlijst"; }
      });
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
