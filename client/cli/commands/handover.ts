import type { Command } from "commander";
import type { DeviceKeys } from "#client/core/crypto/index";
import type { HandoverView, RegisterClient } from "#client/core/registerClient";
import { type CliContext, lockDeviceKeys, output, profileOf, signingClient } from "./cliContext.ts";
import { handoverLine } from "./post.ts";

interface SigningOptions {
  passphraseFile?: string;
}

interface StartOptions extends SigningOptions {
  successor: string;
  reason?: string;
}

interface CancelOptions extends SigningOptions {
  reason?: string;
}

type Step = (
  register: RegisterClient,
  handoverId: string,
  keys: DeviceKeys,
) => Promise<HandoverView>;

const passphraseOption = [
  "--passphrase-file <file>",
  "read the key file passphrase from a file",
] as const;

/** `relais handover start|successor-enrolled|keys-handed-over|complete|cancel`. */
export function registerHandoverCommands(program: Command, context: CliContext): void {
  const handover = program
    .command("handover")
    .description("hand a post over to a successor, step by step (each step is signed and logged)");

  handover
    .command("start")
    .description("start handing a post over from its current holder to a successor")
    .argument("<postId>", "the post")
    .requiredOption("--successor <personId>", "the person who takes the post over")
    .option("--reason <text>", "why the post changes hands", "Rotation of staff")
    .option(...passphraseOption)
    .action(async (postId: string, options: StartOptions, command: Command) => {
      const started = await signed(context, command, options, (register, keys) =>
        register.startHandover(
          postId,
          { successorPersonId: options.successor, reason: options.reason ?? "Rotation of staff" },
          keys,
        ),
      );
      show(context, command, "Started", started);
    });

  const steps: ReadonlyArray<readonly [string, string, string, Step]> = [
    [
      "successor-enrolled",
      "record that the successor has enrolled",
      "Successor enrolled",
      (register, id, keys) => register.recordSuccessorEnrolled(id, keys),
    ],
    [
      "keys-handed-over",
      "record that the keys were handed over to the successor",
      "Keys handed over",
      (register, id, keys) => register.recordKeysHandedOver(id, keys),
    ],
    [
      "complete",
      "complete the handover: the predecessor's assignment ends, the successor's begins",
      "Completed",
      (register, id, keys) => register.completeHandover(id, keys),
    ],
  ];
  for (const [name, description, label, step] of steps) {
    handover
      .command(name)
      .description(description)
      .argument("<handoverId>", "the handover")
      .option(...passphraseOption)
      .action(async (handoverId: string, options: SigningOptions, command: Command) => {
        const result = await signed(context, command, options, (register, keys) =>
          step(register, handoverId, keys),
        );
        show(context, command, label, result);
      });
  }

  handover
    .command("cancel")
    .description("cancel an open handover; the post stays with its holder")
    .argument("<handoverId>", "the handover")
    .option("--reason <text>", "why the handover is cancelled")
    .option(...passphraseOption)
    .action(async (handoverId: string, options: CancelOptions, command: Command) => {
      const cancelled = await signed(context, command, options, (register, keys) =>
        register.cancelHandover(
          handoverId,
          keys,
          options.reason === undefined ? {} : { note: options.reason },
        ),
      );
      show(context, command, "Cancelled", cancelled);
    });
}

/** Runs a signed register action with the unlocked device keys, wiping them afterwards. */
async function signed(
  context: CliContext,
  command: Command,
  options: SigningOptions,
  act: (register: RegisterClient, keys: DeviceKeys) => Promise<HandoverView>,
): Promise<HandoverView> {
  const profile = profileOf(context, command);
  const { client, keys } = await signingClient(context, profile, options.passphraseFile);
  try {
    return await act(client.register, keys);
  } finally {
    lockDeviceKeys(keys);
  }
}

function show(context: CliContext, command: Command, label: string, handover: HandoverView): void {
  output(context, command, { handover }, () => [`${label}: ${handoverLine(handover)}`]);
}
