// Keeps a campaign's progress up to date while it is being sent: fetches the progress fragment every
// few seconds and replaces it. Without JavaScript the page shows the figures of its loading and a link.
(function () {
  "use strict";
  function poll(region) {
    var url = region.getAttribute("data-progress-url");
    if (!url) {
      return;
    }
    var interval = parseInt(region.getAttribute("data-progress-interval"), 10) || 5000;
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector(".newsletter-live-progress");
          if (fresh) {
            // The region itself stays (screen readers announce changes of a live region they know).
            region.innerHTML = fresh.innerHTML;
            if (fresh.hasAttribute("data-progress-url")) {
              region.setAttribute("data-progress-url", fresh.getAttribute("data-progress-url"));
              poll(region);
            } else {
              region.removeAttribute("data-progress-url");
            }
          }
        })
        .catch(function () {
          poll(region); // a network hiccup: try again at the next tick
        });
    }, interval);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".newsletter-live-progress[data-progress-url]").forEach(poll);
  });
})();
