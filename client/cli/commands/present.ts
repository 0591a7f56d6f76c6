import type { IssuedCode } from "#client/core/hubClient";
import type { DeviceView, PersonView } from "#shared/api/identity";

/** One line describing a person. */
export function personLine(person: PersonView): string {
  const country = person.country === null ? "" : ` ${person.country}`;
  return `${person.id}  ${person.username}  ${person.role}${country}  ${person.status}  ${person.displayName}`;
}

/** One line describing a device. */
export function deviceLine(device: DeviceView): string {
  const approval =
    device.status === "pending"
      ? "awaiting approval"
      : device.countersignedBy === null
        ? "root device"
        : `approved by device ${device.countersignedBy}`;
  return `${device.id}  ${device.status}  ${device.name}  ${approval}`.trimEnd();
}

/** The lines that show a code just issued: the one time it is shown. */
export function issuedCodeLines(what: string, issued: IssuedCode): string[] {
  return [
    `${what} (${issued.kind}), single use, expires ${issued.expiresAt}:`,
    `  ${issued.code}`,
    "Hand it over in person or over a channel you trust; it is not shown again.",
  ];
}
