// GOV.UK Frontend's components, started once the page has loaded (a module, so it is deferred).
import { initAll } from "../vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js";

initAll();
