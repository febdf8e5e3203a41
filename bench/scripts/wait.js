// Scenario 5: each sandbox awaits a slow response from a local server.
async function execute({ url }) {
  const response = await http.sendGetRequest({}, url);
  return response.delayed_ms;
}
