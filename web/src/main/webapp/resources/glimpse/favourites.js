/* The gallery's hearts (favourites). Every heart is a plain button with the photo's id (the viewer's
   takes the id of the photo it shows, from #lightbox's data-photo); a tap goes to the server through
   the remote command glimpseHeart, which re-renders #favourites:favPanel, whose #favourites:favState
   says which photos are in the guest's list. After every Ajax update (a new page of the grid, "Your
   photos", the list itself) the hearts are set from it again. */
(function () {
  "use strict";

  function state() {
    var element = document.getElementById("favourites:favState");
    if (!element) {
      return null;
    }
    var ids = (element.getAttribute("data-ids") || "").split(" ").filter(function (id) {
      return id !== "";
    });
    return {
      ids: ids,
      submitted: element.getAttribute("data-submitted") === "true"
    };
  }

  function photoOf(heart) {
    if (heart.id === "lightboxHeart") {
      var box = document.getElementById("lightbox");
      return box ? box.getAttribute("data-photo") : null;
    }
    return heart.getAttribute("data-photo");
  }

  function sync() {
    var now = state();
    if (!now) {
      return;
    }
    Array.prototype.slice.call(document.querySelectorAll(".heart")).forEach(function (heart) {
      var photo = photoOf(heart);
      var on = !!photo && now.ids.indexOf(photo) >= 0;
      heart.setAttribute("aria-pressed", on ? "true" : "false");
      // a toggle button keeps its name ("Favourite"); aria-pressed says whether the photo is in the list
      if (now.submitted) {
        heart.setAttribute("aria-disabled", "true");
      } else {
        heart.removeAttribute("aria-disabled");
      }
      heart.classList.toggle("on", on);
      heart.classList.toggle("locked", now.submitted);
      var icon = heart.querySelector("i");
      if (icon) {
        icon.className = on ? "pi pi-heart-fill" : "pi pi-heart";
      }
    });
  }

  function say(text) {
    var status = document.getElementById("favStatus");
    if (status) {
      status.textContent = text || "";
    }
  }

  document.addEventListener("click", function (event) {
    var heart = event.target.closest(".heart");
    if (!heart) {
      return;
    }
    event.preventDefault();
    var now = state();
    var photo = photoOf(heart);
    if (!now || !photo || !window.glimpseHeart) {
      return;
    }
    if (now.submitted) {
      say("You sent your favourites to the photographer; they can no longer change.");
      return;
    }
    heart.classList.add("busy");
    window.glimpseHeart([{ name: "photo", value: photo }]);
  });

  window.glimpseFavourites = {
    /* After the server answered a heart, the name dialog or sending the list. */
    done: function (args) {
      Array.prototype.slice.call(document.querySelectorAll(".heart.busy")).forEach(function (heart) {
        heart.classList.remove("busy");
      });
      if (args && args.needName && window.PF) {
        window.PF("favName").show();
        var name = document.getElementById("favIntro:favName");
        if (name) {
          name.focus();
        }
      }
      if (args && args.message) {
        say(args.message);
      }
      sync();
    },
    sync: sync
  };

  document.addEventListener("DOMContentLoaded", sync);
  if (window.jQuery) {
    window.jQuery(document).on("pfAjaxComplete", function () {
      sync();
    });
  }
})();
