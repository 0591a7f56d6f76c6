import { type Command, Option } from "commander";
import type { HubClient, IssuedCode } from "#client/core/hubClient";
import type { Role } from "#shared/api/identity";
import { roleSchema } from "#shared/api/identity";
import {
  type CliContext,
  CliError,
  lockDeviceKeys,
  loggedInClient,
  output,
  profileOf,
  signingClient,
} from "./cliContext.ts";
import { issuedCodeLines, personLine } from "./present.ts";

interface CreatePersonOptions {
  passphraseFile?: string;
  username: string;
  displayName: string;
  role: Role;
  country?: string;
}

/** `relais persons create|list|suspend|reactivate|totp-reset|enrolment-code`. */
export function registerPersonCommands(program: Command, context: CliContext): void {
  const persons = program.command("persons").description("enrol and manage people");

  persons
    .command("create")
    .description("enrol a person; prints their single-use enrolment code")
    .requiredOption("--username <username>", "login name, e.g. ne.smuggling.fp")
    .requiredOption("--display-name <name>", "full name as colleagues know it")
    .addOption(
      new Option("--role <role>", "the person's role")
        .choices(roleSchema.options)
        .makeOptionMandatory(),
    )
    .option("--country <cc>", "ISO 3166-1 alpha-2 country (coordinators, focal points)")
    .option("--passphrase-file <file>", "read the key file passphrase from a file")
    .action(async (options: CreatePersonOptions, command: Command) => {
      const country = options.country?.toUpperCase() ?? null;
      if (country !== null && !/^[A-Z]{2}$/.test(country)) {
        throw new CliError("usage", "--country must be a two-letter ISO 3166-1 code", 2);
      }
      const profile = profileOf(context, command);
      const { client, keys } = await signingClient(context, profile, options.passphraseFile);
      const created = await client
        .createPerson({
          username: options.username,
          displayName: options.displayName,
          role: options.role,
          country,
        })
        .finally(() => lockDeviceKeys(keys));
      output(context, command, created, () => [
        `Created: ${personLine(created.person)}`,
        ...issuedCodeLines("Enrolment code", created.enrolment),
      ]);
    });

  persons
    .command("list")
    .description("list the persons you may see")
    .action(async (_options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const list = await client.listPersons();
      output(context, command, { persons: list }, () => list.map(personLine));
    });

  const statusActions = [
    ["suspend", "suspend a person: their sessions end and they cannot log in"],
    ["reactivate", "lift a person's suspension"],
  ] as const;
  for (const [action, description] of statusActions) {
    persons
      .command(action)
      .description(description)
      .argument("<personId>", "the person")
      .option("--passphrase-file <file>", "read the key file passphrase from a file")
      .action(async (personId: string, options: { passphraseFile?: string }, command: Command) => {
        const profile = profileOf(context, command);
        const { client, keys } = await signingClient(context, profile, options.passphraseFile);
        const person = await (action === "suspend"
          ? client.suspendPerson(personId)
          : client.reactivatePerson(personId)
        ).finally(() => lockDeviceKeys(keys));
        output(context, command, { person }, () => [personLine(person)]);
      });
  }

  const codeActions: ReadonlyArray<
    readonly [string, string, string, (client: HubClient, id: string) => Promise<IssuedCode>]
  > = [
    [
      "totp-reset",
      "issue a TOTP-reset code for a person who lost their authenticator",
      "TOTP-reset code",
      (client, id) => client.resetTotp(id),
    ],
    [
      "device-code",
      "issue a code for a new device of a person who lost theirs (approve it afterwards)",
      "Device code",
      (client, id) => client.issueDeviceCodeFor(id),
    ],
    [
      "enrolment-code",
      "issue a new enrolment code for a person who has not enrolled yet",
      "Enrolment code",
      (client, id) => client.reissueEnrolmentCode(id),
    ],
  ];
  for (const [name, description, label, issue] of codeActions) {
    persons
      .command(name)
      .description(description)
      .argument("<personId>", "the person")
      .action(async (personId: string, _options: unknown, command: Command) => {
        const { client } = await loggedInClient(profileOf(context, command));
        const issued = await issue(client, personId);
        output(context, command, { enrolment: issued }, () => issuedCodeLines(label, issued));
      });
  }
}
