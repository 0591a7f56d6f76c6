import type { Command } from "commander";
import type { HubSocket } from "#client/core/hubSocket";
import { LogVerifier } from "#client/core/log/index";
import { MlaClient } from "#client/core/mla/mlaClient";
import { MlaClientError } from "#client/core/mla/mlaErrors";
import type { Language } from "#shared/i18n/languages";
import { findingMessage } from "#shared/mla/completenessMessages";
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
 * Runs `act` with an {@link MlaClient} of the profile's device: unlocks its keys (transitions
 * sign log entries), builds a verifier on the profile's head store and a channel client on its
 * state file, connects the socket; afterwards closes it and wipes the keys. A refusal of the
 * SDK becomes a CLI error with its code; findings of the completeness check go to stderr.
 */
export async function withMlaSession<T>(
  context: CliContext,
  command: Command,
  options: { passphraseFile?: string | undefined; language?: Language },
  act: (mla: MlaClient) => Promise<T>,
): Promise<T> {
  const profile = profileOf(context, command);
  const { deviceId } = await deviceMeta(profile);
  const { client, keys } = await signingClient(context, profile, options.passphraseFile);
  let socket: HubSocket | null = null;
  try {
    const verifier = LogVerifier.forClient(client, { store: headStoreOf(context, command) });
    const channels = client.channels({
      verifier,
      store: channelStoreOf(context, command, deviceId),
    });
    socket = await client.connectSocket();
    channels.attach(socket);
    return await act(new MlaClient({ hub: client, channels, device: { deviceId, keys } }));
  } catch (error) {
    if (error instanceof MlaClientError) {
      for (const finding of error.details.findings ?? []) {
        context.note(
          `  ${finding.path.join(".")}: ${findingMessage(finding, options.language ?? "en")}`,
        );
      }
      const reasons = (error.details.reasons ?? []).map((reason) => ` [${reason.code}]`).join("");
      throw new CliError(error.code, `${error.message}${reasons}`);
    }
    throw asCliError(error);
  } finally {
    socket?.close();
    lockDeviceKeys(keys);
  }
}
