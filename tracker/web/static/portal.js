// The portal's one script (shipped in the wheel). Every task works without it: it only asks
// "are you sure?" before a button marked data-confirm sends its form.
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
