// Reads deliveries as JSON lines on stdin ({secret, headers, body}) and verifies each with the Standard Webhooks
// reference library, exactly as a merchant's server would. Prints "ok <webhook-id>" or "fail <webhook-id> <reason>".
const { Webhook } = require("standardwebhooks");
const lines = require("fs").readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  const { secret, headers, body } = JSON.parse(line);
  try {
    new Webhook(secret).verify(body, headers);
    console.log("ok " + headers["webhook-id"]);
  } catch (e) {
    console.log("fail " + headers["webhook-id"] + " " + e.message);
  }
}
