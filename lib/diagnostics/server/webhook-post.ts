import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { setting } from "@/lib/core/config";
import { blockedAddressReason, isAddressAllowed, isHostAllowed, literalAddress, parseWebhookAllowList, type WebhookAllowList } from "./webhook-address";

/** The target is not a public address and the site admin has not allowed it: retrying would not help. */
export class WebhookRefusedError extends Error {}

/** `PREFSCOPE_WEBHOOK_ALLOW_HOSTS`: host names, addresses and CIDR ranges the site admin lets webhooks reach. */
export function webhookAllowList(): WebhookAllowList {
  return parseWebhookAllowList(setting("PREFSCOPE_WEBHOOK_ALLOW_HOSTS"));
}

type Target = { address: string; family: number };

/**
 * Resolves the URL's host once and checks every address it has (a name with one public and one private address is
 * refused); the connection is then made to the checked address, so a second lookup cannot rebind the name.
 */
export async function resolveWebhookTarget(url: URL, list: WebhookAllowList): Promise<Target> {
  const literal = literalAddress(url);
  const addresses: Target[] = literal ? [{ address: literal, family: isIP(literal) }] : await lookup(url.hostname, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${url.hostname} has no address`);
  if (!isHostAllowed(list, url.hostname)) {
    for (const { address } of addresses) {
      const reason = isAddressAllowed(list, address) ? null : blockedAddressReason(address);
      if (reason) {
        const what = literal ? url.hostname : `${url.hostname} resolves to ${address}, which`;
        throw new WebhookRefusedError(`${what} is not a public address (${reason}); a site admin can allow it with PREFSCOPE_WEBHOOK_ALLOW_HOSTS`);
      }
    }
  }
  return addresses[0]!;
}

/**
 * POSTs a JSON body to a project's webhook and answers the response's status. Redirects are not followed (a 3xx is
 * the answer): a receiver could otherwise send the server on to an address the checks refused.
 */
export async function postWebhook(rawUrl: string, body: string, timeoutMs = 10_000): Promise<number> {
  const url = new URL(rawUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookRefusedError(`${url.protocol} is not http(s)`);
  const target = await resolveWebhookTarget(url, webhookAllowList());
  const pinned = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "PrefScope-Webhook/1", "content-length": Buffer.byteLength(body) },
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
