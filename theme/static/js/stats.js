// Counts this page view for the site's own statistics: one same-origin request, no cookie, nothing stored on the device.
// Not sent when the browser asks not to be tracked (Do Not Track, Global Privacy Control). The page works without it.
(function () {
  "use strict";
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true) { return; }
  var body = document.body;
  var beacon = body.getAttribute("data-stats-beacon");
  if (!beacon || !navigator.sendBeacon || !window.URLSearchParams) { return; }

  function send(action) {
    var data = new URLSearchParams();
    data.set("p", body.getAttribute("data-stats-path") || location.pathname);
    if (location.search) { data.set("q", location.search.slice(0, 500)); }
    // Only the domain is kept; the server cuts the rest off.
    if (document.referrer) { data.set("r", document.referrer.slice(0, 500)); }
    if (action) { data.set("e", action); }
    navigator.sendBeacon(beacon, data);
  }

  send();
  // On an internship: how to apply. Counted once per page view, on a click on a link in it or on copying from it
  // (the address to write to is often plain text).
  var apply = document.querySelector("section.apply");
  if (apply) {
    var counted = false;
    var reageer = function (event) {
      if (counted || (event.type === "click" && !(event.target.closest && event.target.closest("a")))) { return; }
      counted = true;
      send("reageer");
    };
    apply.addEventListener("click", reageer);
    apply.addEventListener("copy", reageer);
  }
}());
