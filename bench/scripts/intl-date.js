// Scenario 1, first use of Intl in a fresh sandbox: a date in a time zone.
function execute({ id }) {
  return new Date(Date.UTC(2024, 0, id)).toLocaleString("de-DE", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Berlin" });
}
