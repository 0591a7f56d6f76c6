import type { Command } from "commander";
import {
  type CliContext,
  lockDeviceKeys,
  loggedInClient,
  output,
  profileOf,
  signingClient,
} from "./cliContext.ts";
import { deviceLine, issuedCodeLines } from "./present.ts";

/** `relais devices list|pending|add-code|approve ID|revoke ID`. */
export function registerDeviceCommands(program: Command, context: CliContext): void {
  const devices = program.command("devices").description("your devices, and devices to approve");

  devices
    .command("list")
    .description("list your devices (or a managed person's with --person)")
    .option("--person <personId>", "list the devices of a person you manage")
    .action(async (options: { person?: string }, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const list =
        options.person === undefined
          ? await client.listDevices()
          : await client.personDevices(options.person);
      output(context, command, { devices: list }, () =>
        list.length === 0 ? ["No devices."] : list.map(deviceLine),
      );
    });

  devices
    .command("pending")
    .description("list the pending devices you may approve")
    .action(async (_options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const list = await client.pendingDevices();
      output(context, command, { devices: list }, () =>
        list.length === 0 ? ["No device awaits your approval."] : list.map(deviceLine),
      );
    });

  devices
    .command("add-code")
    .description("issue a single-use code to enrol another device of your own")
    .action(async (_options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const issued = await client.issueDeviceCode();
      output(context, command, { enrolment: issued }, () => [
        ...issuedCodeLines("Device code", issued),
        "On the new device: relais enrol --hub <url> --code <code>",
      ]);
    });

  devices
    .command("approve")
    .description("check a pending device's self-signature, then countersign it with this device")
    .argument("<deviceId>", "the pending device")
    .option("--passphrase-file <file>", "read the key file passphrase from a file")
    .action(async (deviceId: string, options: { passphraseFile?: string }, command: Command) => {
      const profile = profileOf(context, command);
      const { client, keys } = await signingClient(context, profile, options.passphraseFile);
      try {
        const device = await client.approveDevice(deviceId, keys);
        output(context, command, { device }, () => [`Approved: ${deviceLine(device)}`]);
      } finally {
        lockDeviceKeys(keys);
      }
    });

  devices
    .command("revoke")
    .description("revoke a device: its sessions and sockets end at once")
    .argument("<deviceId>", "the device to revoke")
    .option("--passphrase-file <file>", "read the key file passphrase from a file")
    .action(async (deviceId: string, options: { passphraseFile?: string }, command: Command) => {
      const profile = profileOf(context, command);
      const { client, keys } = await signingClient(context, profile, options.passphraseFile);
      try {
        const device = await client.revokeDevice(deviceId);
        output(context, command, { device }, () => [`Revoked: ${deviceLine(device)}`]);
      } finally {
        lockDeviceKeys(keys);
      }
    });
}
