// HCC Webhooks: a webhook receiver for Node.js (20; 18 works) with the standardwebhooks package, the Standard
// Webhooks reference library. What it does and why: docs/receivers.md.
//
//   cd scripts/receiver && npm ci && HCC_RECEIVER_SECRET=whsec_... node receiver.mjs [PORT]
//
// Listens on 127.0.0.1, port PORT, else HCC_RECEIVER_PORT, else 9000. Each request: the Standard Webhooks
// signature is checked with the webhook's signing secret (401 when it does not match), a webhook-id seen before
// is answered 200 and not processed again, and one block is printed per delivery.
import http from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const REMEMBERED_IDS = 10_000;
const EVENTS = new Set(["call.created", "call.ended", "call.saved", "lead.reg_f_blocked"]);

const port = Number(process.argv[2] || process.env.HCC_RECEIVER_PORT || 9000);
const secret = (process.env.HCC_RECEIVER_SECRET || "").trim();
let webhook = null;
if (secret) {
  try {
    webhook = new Webhook(secret); // takes the whsec_ secret as the product shows it
  } catch (e) {
    console.error(`HCC_RECEIVER_SECRET is not a signing secret (whsec_ and base64): ${e.message}`);
    process.exit(2);
  }
}
const seen = new Map(); // the webhook-ids already processed, oldest first; past REMEMBERED_IDS the oldest goes

// verify() checks every "v1," signature in webhook-signature (one match is enough: two are sent while a secret is
// being rotated) in constant time, and that webhook-timestamp is within 5 minutes of now.
// Returns null when the request is genuine, else why it is not.
function check(body, headers) {
  try {
    webhook.verify(body, headers);
    return null;
  } catch (e) {
    if (e instanceof SyntaxError) return null; // the signature matched, then the body did not parse as JSON
    return e instanceof WebhookVerificationError ? e.message : String(e);
  }
}

// The product sends no event header: a webhook carries one event, so give each its own path.
function event(path) {
  const last = path.slice(path.lastIndexOf("/") + 1);
  return EVENTS.has(last)
    ? `${last} (from the URL path)`
    : "? (not sent in the request: give each webhook its own path, e.g. /hooks/call.created)";
}

// JSON laid out one value a line, or the text as it is when it is not JSON.
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = req.headers["webhook-id"];
    const out = [
      `=== ${req.method} ${req.url}  (${new Date().toISOString()})`,
      `webhook-id:        ${id ?? "(none)"}`,
      `webhook-timestamp: ${req.headers["webhook-timestamp"] ?? "(none)"}`,
      `event:             ${event(req.url.split("?")[0])}`,
    ];
    let status = 200;
    const problem = webhook ? check(body, req.headers) : null;
    if (problem) {
      out.push(`signature INVALID: ${problem}`);
      status = 401;
    } else {
      out.push(webhook ? "signature OK" : "signature NOT CHECKED (no HCC_RECEIVER_SECRET)");
      if (id && seen.has(id)) {
        out.push(`DUPLICATE of ${id}, first processed at ${seen.get(id)}: answered 200, not processed again`);
      } else {
        if (id) {
          seen.set(id, new Date().toISOString());
          if (seen.size > REMEMBERED_IDS) seen.delete(seen.keys().next().value);
        }
        // the work would go here, or better, into a queue: answer first, process afterwards
        out.push(body ? pretty(body) : "(no body)");
      }
    }
    out.push(`-> ${status}`);
    console.log(out.join("\n"));
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(status === 200 ? '{"ok":true}' : '{"error":"invalid signature"}');
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`HCC receiver (Node.js) listening on http://127.0.0.1:${port}/`);
  console.log(`  target URL for a webhook, one path per event: http://127.0.0.1:${port}/hooks/call.created`);
  console.log("  (the product must allow loopback targets: HCC_DELIVERY_ALLOWED_NETWORKS=127.0.0.0/8)");
  if (!webhook) {
    console.log(
      "WARNING: HCC_RECEIVER_SECRET is not set: signatures are NOT checked, anyone can post here." +
        " Set it to the webhook's signing secret (whsec_...).",
    );
  } else {
    console.log("  signatures checked with HCC_RECEIVER_SECRET, webhook-timestamp within 5 minutes of now");
  }
});
