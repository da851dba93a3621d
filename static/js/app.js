import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
// htmx swaps in new markup: give it the same behaviour as the first page load.
document.body.addEventListener("htmx:afterSwap", (event) => initAll({ scope: event.target }));
