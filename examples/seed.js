async function execute({ authHeader, baseUrl }) {
  const url = baseUrl + "bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1";
  log(url);
  const devicesResponse = await http.sendGetRequest(
    { Authorization: authHeader },
    url
  );
  return devicesResponse;
}
