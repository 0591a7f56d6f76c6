import type { Command } from "commander";
import { AlertClient } from "#client/core/alerts/alertClient";
import { AlertClientError } from "#client/core/alerts/alertErrors";
import type { HubSocket } from "#client/core/hubSocket";
import { LogVerifier } from "#client/core/log/index";
import { headStoreOf } from "./audit.ts";
import { asCliError, channelStoreOf } from "./channelSession.ts";
import {
  type CliContext,
  CliError,
  deviceMeta,
  lockDeviceKeys,
  profileOf,
  signingClient,
} from "./cliContext.ts";

/**
 * Runs `act` with an {@link AlertClient} of the profile's device: unlocks its keys (alert
 * actions sign log entries), builds a verifier on the profile's head store and a channel client
 * on its state file, connects the socket; afterwards closes it and wipes the keys.
 */
export async function withAlertSession<T>(
  context: CliContext,
  command: Command,
  passphraseFile: string | undefined,
  act: (alerts: AlertClient) => Promise<T>,
): Promise<T> {
  const profile = profileOf(context, command);
  const { deviceId } = await deviceMeta(profile);
  const { client, keys } = await signingClient(context, profile, passphraseFile);
  let socket: HubSocket | null = null;
  try {
    const verifier = LogVerifier.forClient(client, { store: headStoreOf(context, command) });
    const channels = client.channels({
      verifier,
      store: channelStoreOf(context, command, deviceId),
    });
    socket = await client.connectSocket();
    channels.attach(socket);
    return await act(new AlertClient({ hub: client, channels, device: { deviceId, keys } }));
  } catch (error) {
    if (error instanceof AlertClientError) {
      const reasons = error.reasons.map((reason) => ` [${reason.code}]`).join("");
      throw new CliError(error.code, `${error.message}${reasons}`);
    }
    throw asCliError(error);
  } finally {
    socket?.close();
    lockDeviceKeys(keys);
  }
}
