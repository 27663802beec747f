import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

// Loopback, private, link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast and
// reserved ranges: a feed URL must never reach into the network the bot runs in.
const PRIVATE_V4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;
const PRIVATE_V6 = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["64:ff9b:1::", 48],
] as const;

const privateRanges = new BlockList();
for (const [net, prefix] of PRIVATE_V4) privateRanges.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of PRIVATE_V6) privateRanges.addSubnet(net, prefix, "ipv6");

export interface AddressPolicy {
  /** Allow every private address (tests, on-premise feeds). */
  allowPrivate: boolean;
  /** CIDR ranges that are allowed although private. */
  allowedNetworks: string[];
}

function v4FromMapped(address: string): string | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1];
}

export function isPrivateAddress(address: string): boolean {
  const mapped = v4FromMapped(address);
  if (mapped) return privateRanges.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return false;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface Cidr {
  network: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** `10.0.0.0/8` or `fd00::/8` as its parts, or undefined when the address or the prefix length is not valid. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const network = m[1] ?? "";
  const prefix = Number(m[2]);
  const family = isIP(network);
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return undefined;
  return { network, prefix, family: family === 4 ? "ipv4" : "ipv6" };
}

function allowedList(networks: string[]): BlockList {
  const list = new BlockList();
  for (const text of networks) {
    const cidr = parseCidr(text);
    if (cidr) list.addSubnet(cidr.network, cidr.prefix, cidr.family);
  }
  return list;
}

/** Decides, per resolved address, whether a connection may go there. */
export function addressChecker(policy: AddressPolicy): (address: string) => boolean {
  const allowed = allowedList(policy.allowedNetworks);
  return (address) => {
    if (policy.allowPrivate || !isPrivateAddress(address)) return true;
    const v4 = v4FromMapped(address) ?? address;
    const family = isIP(v4);
    return family !== 0 && allowed.check(v4, family === 4 ? "ipv4" : "ipv6");
  };
}

export class RefusedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to the private address ${address}`);
    this.name = "RefusedAddressError";
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that drops refused addresses after DNS resolution, so that a name
 * that resolves to 127.0.0.1 (or is re-pointed there later) cannot reach a private service.
 */
export function guardedLookup(isAllowed: (address: string) => boolean) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: LookupCallback,
  ) => {
    dnsLookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : "", undefined);
      const usable = addresses.filter((a) => isAllowed(a.address));
      if (usable.length === 0) {
        const refused = new RefusedAddressError(
          hostname,
          addresses[0]?.address ?? "?",
        ) as NodeJS.ErrnoException;
        refused.code = "EREFUSEDADDRESS";
        return callback(refused, options.all ? [] : "", undefined);
      }
      if (options.all) return callback(null, usable);
      const first = usable[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}
