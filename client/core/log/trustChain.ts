import type { LogEntry, SignedLeaf } from "#shared/log/entries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import type { DeviceCrypto } from "../crypto/index.ts";
import {
  broken,
  type ChainProblem,
  type DeviceEnrolledEntry,
  decoded,
  invalid,
  type LoggedDevice,
  type PendingLeaf,
} from "./chainRecords.ts";
import { parseLeaf } from "./leafParsing.ts";
import { type LoggedPerson, mayActOnDevice, mayGrantRole, mayManage } from "./logAuthority.ts";

/**
 * Replays the identity entries of the log, in order, and checks every leaf: canonical form, the
 * acting device's `log-entry` signature, and the chain of trust (DESIGN.md §6). The network
 * root is the one `device-enrolled` leaf with `countersignedBy: null`, the log's first device
 * leaf; every other device is self-signed, countersigned by an enrolled, unrevoked device whose
 * owner may act on the new device's owner, and logged by an enrolled, unrevoked device. The only
 * leaves allowed before the root is enrolled are the root device's own bootstrap entries, which
 * are checked once its key is known. The first problem ends the replay: nothing after it counts.
 */
export class TrustChain {
  private readonly devices = new Map<string, LoggedDevice>();
  private readonly persons = new Map<string, LoggedPerson>();
  private rootRecord: LoggedDevice | null = null;
  private preamble: PendingLeaf[] = [];
  private count = 0;

  /** @param crypto - must be ready (`await crypto.ready()`) before the first leaf. */
  constructor(private readonly crypto: DeviceCrypto) {}

  /** Number of leaves replayed. */
  get size(): number {
    return this.count;
  }

  /** The network root device, once enrolled. */
  get root(): LoggedDevice | null {
    return this.rootRecord;
  }

  /** The device the log enrols under `deviceId`. */
  device(deviceId: string): LoggedDevice | undefined {
    return this.devices.get(deviceId);
  }

  /** The devices the log enrols for `personId`, revoked ones included. */
  devicesOf(personId: string): LoggedDevice[] {
    return [...this.devices.values()].filter((device) => device.personId === personId);
  }

  /** The person the log enrols under `personId`: role, country, suspension. */
  person(personId: string): Readonly<LoggedPerson> | undefined {
    return this.persons.get(personId);
  }

  /** The device ids from `deviceId` up to the root, following the countersignatures. */
  chainOf(deviceId: string): string[] {
    const chain: string[] = [];
    let current = this.devices.get(deviceId);
    while (current !== undefined && !chain.includes(current.deviceId)) {
      chain.push(current.deviceId);
      const next = current.entry.countersignedBy;
      current = next === null ? undefined : this.devices.get(next);
    }
    return chain;
  }

  /** Checks and applies the next leaf; returns the problem if it is wrong. */
  add(bytes: Uint8Array): ChainProblem | null {
    const index = this.count++;
    const parsed = parseLeaf(bytes);
    if (!parsed.ok) return { index, kind: "invalid_leaf", reason: `the leaf ${parsed.reason}` };
    return this.apply(index, parsed.leaf, bytes);
  }

  /** At the end of a complete log: the bootstrap entries must have met their root. */
  finish(): ChainProblem | null {
    const first = this.preamble[0];
    if (first === undefined) return null;
    return broken(first.index, `signed by device ${first.signer}, which the log never enrols`);
  }

  private apply(index: number, leaf: SignedLeaf, bytes: Uint8Array): ChainProblem | null {
    const signature = decoded(leaf.signature);
    if (signature === null) return invalid(index, "the leaf signature is not base64url");
    const { entry } = leaf;
    const pending: PendingLeaf = {
      index,
      signer: leaf.signer,
      signature,
      statement: statementBytes(entry),
    };
    if (entry.type === "device-enrolled") return this.enrol(pending, entry, bytes);
    const actor = this.actingDevice(pending);
    if (actor !== null && "kind" in actor) return actor;
    if (actor === null) {
      // Before the root: only the first administrator's role, signed by the root-to-be.
      if (entry.type !== "role-granted") return broken(index, "a leaf before the network root");
      return this.grantRole(index, entry, null);
    }
    const actorPerson = this.persons.get(actor.personId);
    if (actorPerson === undefined) {
      return broken(index, `acting device ${actor.deviceId} belongs to nobody the log enrols`);
    }
    switch (entry.type) {
      case "role-granted":
        return this.grantRole(index, entry, actorPerson);
      case "person-suspended":
      case "person-reactivated": {
        const target = this.persons.get(entry.personId);
        if (target === undefined) return broken(index, `person ${entry.personId} is not enrolled`);
        if (!mayManage(actorPerson, target)) {
          return broken(index, `person ${actorPerson.id} may not manage person ${target.id}`);
        }
        target.suspended = entry.type === "person-suspended";
        return null;
      }
      case "device-revoked": {
        const target = this.devices.get(entry.deviceId);
        const owner = target && this.persons.get(target.personId);
        if (target === undefined || owner === undefined) {
          return broken(index, `revokes device ${entry.deviceId}, which the log never enrols`);
        }
        if (!mayActOnDevice(actorPerson, owner)) {
          return broken(index, `person ${actorPerson.id} may not revoke device ${target.deviceId}`);
        }
        target.revokedAt ??= index;
        return null;
      }
      default:
        // Register entries: the signature of a trusted device is what this replay can check.
        return null;
    }
  }

  /** The trusted device that signed a leaf; null while it waits for the root; or the problem. */
  private actingDevice(leaf: PendingLeaf): LoggedDevice | ChainProblem | null {
    const actor = this.devices.get(leaf.signer);
    if (actor === undefined) {
      if (this.rootRecord !== null) {
        return broken(leaf.index, `signed by device ${leaf.signer}, not enrolled before it`);
      }
      this.preamble.push(leaf);
      return null;
    }
    if (actor.revokedAt !== null) {
      return broken(
        leaf.index,
        `signed by device ${actor.deviceId}, revoked at leaf ${actor.revokedAt}`,
      );
    }
    return this.leafSignatureProblem(leaf, actor.signingKey) ?? actor;
  }

  /** The problem with a leaf's `log-entry` signature under `key`, or null if it verifies. */
  private leafSignatureProblem(leaf: PendingLeaf, key: Uint8Array): ChainProblem | null {
    const { logEntry } = SignatureContexts;
    if (this.crypto.verifyStatement(logEntry, leaf.signature, leaf.statement, key)) return null;
    return invalid(leaf.index, `the log-entry signature of device ${leaf.signer} does not verify`);
  }

  private grantRole(
    index: number,
    entry: Extract<LogEntry, { type: "role-granted" }>,
    actor: LoggedPerson | null,
  ): ChainProblem | null {
    if (this.persons.has(entry.personId))
      return broken(index, `person ${entry.personId} enrolled twice`);
    if (actor !== null && !mayGrantRole(actor, entry.role, entry.country)) {
      return broken(index, `person ${actor.id} may not grant the role ${entry.role}`);
    }
    const { personId: id, role, country } = entry;
    this.persons.set(id, { id, role, country, suspended: false });
    return null;
  }

  private enrol(
    leaf: PendingLeaf,
    entry: DeviceEnrolledEntry,
    bytes: Uint8Array,
  ): ChainProblem | null {
    const { index } = leaf;
    const { registration } = entry;
    const deviceId = registration.deviceId;
    if (this.devices.has(deviceId)) return broken(index, `device ${deviceId} enrolled twice`);
    const signingKey = decoded(registration.signingKey);
    const selfSignature = decoded(entry.selfSignature);
    const registrationBytes = statementBytes(registration);
    const { deviceRegistration, deviceCountersignature } = SignatureContexts;
    if (
      signingKey === null ||
      selfSignature === null ||
      !this.crypto.verifyStatement(deviceRegistration, selfSignature, registrationBytes, signingKey)
    ) {
      return invalid(index, `the self-signature of device ${deviceId} does not verify`);
    }
    const owner = this.persons.get(registration.personId);
    if (owner === undefined)
      return broken(index, `device ${deviceId} of a person the log never enrols`);
    const record: LoggedDevice = {
      deviceId,
      personId: registration.personId,
      index,
      leafBytes: bytes,
      entry,
      signingKey,
      revokedAt: null,
    };
    if (entry.countersignedBy === null) return this.enrolRoot(leaf, record, owner);
    if (this.rootRecord === null)
      return broken(index, `device ${deviceId} enrolled before the root`);
    const countersigner = this.devices.get(entry.countersignedBy);
    const countersignature =
      entry.countersignature === null ? null : decoded(entry.countersignature);
    if (countersigner === undefined || countersigner.revokedAt !== null) {
      return broken(index, `countersigned by ${entry.countersignedBy}, not a trusted device`);
    }
    if (
      countersignature === null ||
      !this.crypto.verifyStatement(
        deviceCountersignature,
        countersignature,
        registrationBytes,
        countersigner.signingKey,
      )
    ) {
      return invalid(index, `the countersignature of device ${deviceId} does not verify`);
    }
    const authority = this.persons.get(countersigner.personId);
    if (authority === undefined || !mayActOnDevice(authority, owner)) {
      return broken(index, `device ${countersigner.deviceId} may not vouch for device ${deviceId}`);
    }
    const actor = this.actingDevice(leaf);
    if (actor === null || "kind" in actor) return actor;
    this.devices.set(deviceId, record);
    return null;
  }

  private enrolRoot(
    leaf: PendingLeaf,
    record: LoggedDevice,
    owner: LoggedPerson,
  ): ChainProblem | null {
    const { index } = leaf;
    if (this.rootRecord !== null) return broken(index, "a second network root device");
    if (record.entry.countersignature !== null)
      return broken(index, "a root device with a countersignature");
    if (leaf.signer !== record.deviceId)
      return broken(index, "the root enrolment is not signed by the root");
    if (owner.role !== "administrator")
      return broken(index, "the root device is not an administrator's");
    const problem = this.leafSignatureProblem(leaf, record.signingKey);
    if (problem !== null) return problem;
    this.devices.set(record.deviceId, record);
    this.rootRecord = record;
    const waiting = this.preamble;
    this.preamble = [];
    for (const pending of waiting) {
      if (pending.signer !== record.deviceId) {
        return broken(
          pending.index,
          `signed by device ${pending.signer} before the root's enrolment`,
        );
      }
      const bad = this.leafSignatureProblem(pending, record.signingKey);
      if (bad !== null) return bad;
    }
    return null;
  }
}
