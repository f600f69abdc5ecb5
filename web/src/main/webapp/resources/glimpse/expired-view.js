/* The session keeps the last few views (web.xml); an Ajax request from a page left behind more
   pages than that fails with ViewExpiredException: reload that page (a new view; the session, and a
   guest's pass, stay), though not again and again if that does not help (once in ten seconds). Both
   templates load this; gallery.js reloads through it too, when a photo does not load. */
(function () {
  "use strict";

  /* Whether an Ajax response is the ViewExpiredException of a view the session no longer keeps. */
  function viewExpired(xhr) {
    return /<error-name>[^<]*ViewExpiredException/.test((xhr && xhr.responseText) || "");
  }

  function reloadOnce() {
    var key = "glimpse.viewExpiredReload";
    try {
      var last = Number(window.sessionStorage.getItem(key) || 0);
      if (Date.now() - last < 10000) {
        return;
      }
      window.sessionStorage.setItem(key, String(Date.now()));
    } catch (unavailable) {
      // no session storage: reload anyway
    }
    window.location.reload();
  }

  window.glimpseViewExpired = viewExpired;
  window.glimpseReloadOnce = reloadOnce;
  if (window.jQuery) {
    window.jQuery(document).on("pfAjaxComplete", function (event, xhr) {
      if (viewExpired(xhr)) {
        reloadOnce();
      }
    });
  }
})();
