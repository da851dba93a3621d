// The alignment map's "hide the links to key questions" box acts at once, without
// reloading; without JavaScript the form's button does the same through ?key_links=hide.
const toggle = document.getElementById("hide-key-links");
const figure = document.getElementById("alignment-map");
if (toggle && figure) {
  const button = toggle.form && toggle.form.querySelector(".app-map-controls__submit");
  if (button) button.hidden = true;
  toggle.addEventListener("change", () => {
    figure.classList.toggle("app-map--hide-key-links", toggle.checked);
    const url = new URL(window.location.href);
    if (toggle.checked) url.searchParams.set("key_links", "hide");
    else url.searchParams.delete("key_links");
    window.history.replaceState(null, "", url);
  });
}
