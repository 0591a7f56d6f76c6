import { join } from "node:path";
import type { Command } from "commander";
import { ChannelApi } from "#client/core/channels/channelApi";
import type { ChannelClient } from "#client/core/channels/channelClient";
import type { HubClient } from "#client/core/hubClient";
import { HubHttp } from "#client/core/hubHttp";
import type { HubSocket } from "#client/core/hubSocket";
import { LogVerificationError, LogVerifier, type SecurityAlert } from "#client/core/log/index";
import type { ChannelView } from "#shared/api/channels";
import { CorruptChannelStateError, FileChannelStateStore } from "../channelStateFile.ts";
import { headStoreOf } from "./audit.ts";
import {
  type CliContext,
  CliError,
  deviceMeta,
  lockDeviceKeys,
  loggedInClient,
  profileOf,
  signingClient,
} from "./cliContext.ts";

/** What a channel command works with once the device keys are unlocked. */
export interface ChannelSession {
  readonly client: HubClient;
  readonly verifier: LogVerifier;
  readonly channels: ChannelClient;
  /** Null unless the session was opened with `socket: true`. */
  readonly socket: HubSocket | null;
  /** Settles with a `security_alert` failure as soon as the verifier raises an alert. */
  readonly alarm: Promise<never>;
}

/** The option every command that unlocks the device keys takes. */
export const passphraseOption = [
  "--passphrase-file <file>",
  "read the key file passphrase from a file",
] as const;

/** The profile's channel state file (sequence numbers and chains; no keys). */
export function channelStoreOf(
  context: CliContext,
  command: Command,
  deviceId: string,
): FileChannelStateStore {
  return new FileChannelStateStore(
    join(profileOf(context, command).dir, "channels.json"),
    deviceId,
  );
}

/**
 * Runs `act` as the profile's device: unlocks its keys, builds a verifier on the profile's head
 * store and a channel client on its state file, connects the socket when asked; afterwards
 * closes the socket and wipes the keys. A security alert is printed on stderr when it is raised
 * and fails the command.
 */
export async function withChannelSession<T>(
  context: CliContext,
  command: Command,
  options: { passphraseFile?: string | undefined; socket: boolean },
  act: (session: ChannelSession) => Promise<T>,
): Promise<T> {
  const profile = profileOf(context, command);
  const { deviceId } = await deviceMeta(profile);
  const { client, keys } = await signingClient(context, profile, options.passphraseFile);
  let channelsUsed: { flushAcks(): Promise<void> } | undefined;
  let socket: HubSocket | null = null;
  try {
    const verifier = LogVerifier.forClient(client, { store: headStoreOf(context, command) });
    let raise: (error: CliError) => void = () => undefined;
    const alarm = new Promise<never>((_resolve, reject) => {
      raise = reject;
    });
    // Only observed through a race: without a handler an alarm that never matters would crash.
    alarm.catch(() => undefined);
    verifier.on("security-alert", (alert) => {
      for (const line of securityAlertLines(client.hubUrl, alert)) context.note(line);
      raise(new CliError("security_alert", `security alert (${alert.kind}): ${alert.message}`));
    });
    const channels = client.channels({
      verifier,
      store: channelStoreOf(context, command, deviceId),
    });
    if (options.socket) {
      socket = await client.connectSocket();
      channels.attach(socket);
      channelsUsed = channels;
    }
    return await act({ client, verifier, channels, socket, alarm });
  } catch (error) {
    throw asCliError(error);
  } finally {
    // The hub's cursor follows what this run processed, so `channel list` shows no unread.
    await channelsUsed?.flushAcks();
    socket?.close();
    lockDeviceKeys(keys);
  }
}

/**
 * The channels API on the profile's session alone, for what needs no device key (listing).
 * Failures are translated like those of {@link withChannelSession}.
 */
export async function sessionChannelApi(
  context: CliContext,
  command: Command,
): Promise<ChannelApi> {
  const { session } = await loggedInClient(profileOf(context, command));
  return new ChannelApi(new HubHttp({ hubUrl: session.hubUrl, token: () => session.token }));
}

/** The lines that announce a security alert on stderr. */
export function securityAlertLines(hubUrl: string, alert: SecurityAlert): string[] {
  return [
    `!!! SECURITY ALERT for ${hubUrl} (${alert.kind}):`,
    `!!!   ${alert.message}`,
    "!!! Do not trust this hub's keys. Details: relais audit status",
  ];
}

/** The SDK's typed failures that runCli does not know, as CLI errors with their own codes. */
export function asCliError(error: unknown): unknown {
  if (error instanceof LogVerificationError || error instanceof CorruptChannelStateError) {
    return new CliError(error.code, error.message);
  }
  return error;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A channel named on the command line: its id, and its view when it is one of mine. */
export interface NamedChannel {
  readonly id: string;
  readonly view: ChannelView | null;
}

/**
 * Finds a channel by id or by unique name (case-insensitive) among my channels. An id that is
 * not among them is passed on as is: the hub says why (`not_member`, `unknown_channel`).
 */
export async function resolveChannel(
  api: Pick<ChannelApi, "list">,
  reference: string,
): Promise<NamedChannel> {
  const mine = await api.list();
  if (uuidPattern.test(reference)) {
    const id = reference.toLowerCase();
    return { id, view: mine.find((channel) => channel.id === id) ?? null };
  }
  const wanted = reference.trim().toLocaleLowerCase();
  const named = mine.filter((channel) => channel.name.toLocaleLowerCase() === wanted);
  const [first, second] = named;
  if (first === undefined) {
    throw new CliError("unknown_channel", `none of my channels is named "${reference}"`);
  }
  if (second !== undefined) {
    const ids = named.map((channel) => channel.id).join(", ");
    throw new CliError(
      "ambiguous_channel",
      `several of my channels are named "${reference}": ${ids}`,
    );
  }
  return { id: first.id, view: first };
}
