/* Live reload. The server names each build by the sources it was made from and announces every new
   one on /events (Server-Sent Events). When the build is not the one this page was made from, the
   page reloads; a player page first lets its module finish and store its data. */
(function () {
  "use strict";
  var shown = document.documentElement.getAttribute("data-build");
  var status = document.getElementById("pv-live");
  var reloading = false;
  var source = new EventSource("/events");

  function say(text, state) {
    status.textContent = text;
    status.setAttribute("data-state", state);
  }

  function reload() {
    window.location.reload();
  }

  source.addEventListener("open", function () {
    if (!reloading) say("watching the sources", "on");
  });
  source.addEventListener("error", function () {
    if (!reloading) say("the preview server is not answering; trying again", "off");
  });
  source.addEventListener("build", function (event) {
    if (event.data === shown || reloading) return;
    reloading = true;
    source.close();
    say("the sources changed: reloading", "reloading");
    var before = typeof window.coursekitBeforeReload === "function" ? window.coursekitBeforeReload() : null;
    Promise.resolve(before).then(reload, reload);
  });
})();
