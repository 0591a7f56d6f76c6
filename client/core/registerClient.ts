import type { PersonView } from "#shared/api/identity";
import {
  countryListResponseSchema,
  type HandoverView,
  handoverResponseSchema,
  holdersResponseSchema,
  organisationListResponseSchema,
  organisationResponseSchema,
  personSearchResponseSchema,
  postHistoryResponseSchema,
  postListResponseSchema,
  postResponseSchema,
  reminderListResponseSchema,
  rosterExportSchema,
} from "#shared/api/register";
import type { DeviceCrypto, DeviceKeys } from "./crypto/index.ts";
import { signLogEntry } from "./deviceStatements.ts";
import type { HubHttp } from "./hubHttp.ts";
import {
  requestAssignment,
  requestAssignmentEnd,
  requestHandoverCompletion,
  requestHandoverStart,
  requestHandoverStep,
  requestPostChange,
  requestPostCreation,
} from "./registerActions.ts";
import type { RegisterSigner } from "./registerSigning.ts";
import { fetchRegisterText, importRosterSigned, queryString } from "./registerTransfers.ts";
import type {
  AssignInput,
  AssignmentView,
  CountryView,
  CreateOrganisationInput,
  CreatePostInput,
  DirectoryFilter,
  EndAssignmentInput,
  HandoverStepInput,
  HoldersOn,
  OrganisationFilter,
  OrganisationView,
  PostHistory,
  PostView,
  ReminderView,
  RosterExport,
  RosterImportResult,
  SignedActionOptions,
  StartHandoverInput,
  UpdateOrganisationInput,
  UpdatePostInput,
} from "./registerTypes.ts";

export type * from "./registerTypes.ts";

const base = "/api/v1/register";
const id = (value: string) => encodeURIComponent(value);
const iso = (value: Date | string) => (typeof value === "string" ? value : value.toISOString());

/**
 * The register through the SDK (docs/register.md): the directory, organisations, posts,
 * assignments, handovers, reminders, exports and roster import. Every response is parsed with the
 * shared schemas. Actions the transparency log records are signed here with the device's keys
 * (context `log-entry`) over the entry built by the shared builders, exactly as the hub rebuilds
 * it; their input is checked with the shared schema first, and an invalid input throws the
 * `HubError("validation_failed")` the hub would answer (with a null status).
 */
export class RegisterClient {
  constructor(
    private readonly http: HubHttp,
    private readonly crypto: DeviceCrypto,
    /** The session's bearer token, for the text exports. */
    private readonly token: () => string | null,
  ) {}

  // ---- Reading --------------------------------------------------------------------------------

  async countries(): Promise<CountryView[]> {
    return (await this.http.json("GET", `${base}/countries`, countryListResponseSchema)).countries;
  }

  async organisations(filter: OrganisationFilter = {}): Promise<OrganisationView[]> {
    const path = `${base}/organisations${queryString({ ...filter })}`;
    return (await this.http.json("GET", path, organisationListResponseSchema)).organisations;
  }

  /** The directory, filtered by country, organisation, thematic area, language, stale, vacant. */
  async posts(filter: DirectoryFilter = {}): Promise<PostView[]> {
    const path = `${base}/posts${queryString({ ...filter })}`;
    return (await this.http.json("GET", path, postListResponseSchema)).posts;
  }

  async post(postId: string): Promise<PostView> {
    return (await this.http.json("GET", `${base}/posts/${id(postId)}`, postResponseSchema)).post;
  }

  /** A post's whole history (administrators, auditors, its coordinator and its holders). */
  history(postId: string): Promise<PostHistory> {
    return this.http.json("GET", `${base}/posts/${id(postId)}/history`, postHistoryResponseSchema);
  }

  /** Who held a post on a day (`YYYY-MM-DD`, UTC) or at an instant; now by default. */
  holdersOn(postId: string, on?: string | Date): Promise<HoldersOn> {
    const query = queryString({ on: on === undefined ? undefined : iso(on) });
    const path = `${base}/posts/${id(postId)}/holders${query}`;
    return this.http.json("GET", path, holdersResponseSchema);
  }

  async handover(handoverId: string): Promise<HandoverView> {
    const path = `${base}/handovers/${id(handoverId)}`;
    return (await this.http.json("GET", path, handoverResponseSchema)).handover;
  }

  /** Persons whose name contains `name` (administrators, auditors, coordinators). */
  async searchPersons(name?: string): Promise<PersonView[]> {
    const path = `${base}/persons${queryString({ name })}`;
    return (await this.http.json("GET", path, personSearchResponseSchema)).persons;
  }

  /** My reminders about stale and vacant posts. */
  async reminders(options: { includeResolved?: boolean } = {}): Promise<ReminderView[]> {
    const path = `/api/v1/reminders${queryString({ ...options })}`;
    return (await this.http.json("GET", path, reminderListResponseSchema)).reminders;
  }

  exportCsv(filter: DirectoryFilter = {}): Promise<string> {
    return fetchRegisterText(
      this.http.hubUrl,
      `${base}/export/csv${queryString({ ...filter })}`,
      this.token(),
    );
  }

  exportVcard(filter: DirectoryFilter = {}): Promise<string> {
    const path = `${base}/export/vcard${queryString({ ...filter })}`;
    return fetchRegisterText(this.http.hubUrl, path, this.token());
  }

  exportJson(filter: DirectoryFilter = {}): Promise<RosterExport> {
    const path = `${base}/export/json${queryString({ ...filter })}`;
    return this.http.json("GET", path, rosterExportSchema);
  }

  // ---- Organisations and confirmation (not logged) -------------------------------------------

  async createOrganisation(input: CreateOrganisationInput): Promise<OrganisationView> {
    const path = `${base}/organisations`;
    return (await this.http.json("POST", path, organisationResponseSchema, input)).organisation;
  }

  async updateOrganisation(
    organisationId: string,
    changes: UpdateOrganisationInput,
  ): Promise<OrganisationView> {
    const path = `${base}/organisations/${id(organisationId)}/update`;
    return (await this.http.json("POST", path, organisationResponseSchema, changes)).organisation;
  }

  /** Confirms that a post's details are right (its holders, or its country's authority). */
  async confirmPost(postId: string): Promise<PostView> {
    const path = `${base}/posts/${id(postId)}/confirm`;
    return (await this.http.json("POST", path, postResponseSchema)).post;
  }

  // ---- Logged actions -------------------------------------------------------------------------

  /** Creates a post (`post-created`). */
  createPost(
    input: CreatePostInput,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<PostView> {
    return requestPostCreation(this.http, this.signer(keys, options), input);
  }

  /** Replaces some details of a post (`post-changed`). */
  updatePost(
    postId: string,
    changes: UpdatePostInput,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<PostView> {
    return requestPostChange(this.http, this.signer(keys, options), postId, changes);
  }

  /** Assigns a person to a post (`assignment-started`); from the signed time by default. */
  assign(
    postId: string,
    input: AssignInput,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<AssignmentView> {
    return requestAssignment(this.http, this.signer(keys, options), postId, input);
  }

  /** Ends an assignment (`assignment-ended`), at the signed time by default; history keeps it. */
  endAssignment(
    assignment: Pick<AssignmentView, "id" | "postId" | "person">,
    input: EndAssignmentInput,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<AssignmentView> {
    return requestAssignmentEnd(this.http, this.signer(keys, options), assignment, input);
  }

  /**
   * Starts handing a post over (`handover-started`) from its current holder, as the directory
   * shows it now, to a successor.
   */
  startHandover(
    postId: string,
    input: StartHandoverInput,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<HandoverView> {
    return requestHandoverStart(this.http, this.signer(keys, options), postId, input);
  }

  /** Records that the successor enrolled (`handover-successor-enrolled`). */
  recordSuccessorEnrolled(
    handover: HandoverView | string,
    keys: DeviceKeys,
    input: HandoverStepInput = {},
  ): Promise<HandoverView> {
    const signer = this.signer(keys, input);
    return requestHandoverStep(this.http, signer, handover, "successor_enrolled", input.note);
  }

  /** Records that the keys were handed over (`handover-keys-handed-over`). */
  recordKeysHandedOver(
    handover: HandoverView | string,
    keys: DeviceKeys,
    input: HandoverStepInput = {},
  ): Promise<HandoverView> {
    const signer = this.signer(keys, input);
    return requestHandoverStep(this.http, signer, handover, "keys_handed_over", input.note);
  }

  /** Cancels a handover (`handover-cancelled`); `note` is the reason. */
  cancelHandover(
    handover: HandoverView | string,
    keys: DeviceKeys,
    input: HandoverStepInput = {},
  ): Promise<HandoverView> {
    return requestHandoverStep(
      this.http,
      this.signer(keys, input),
      handover,
      "cancelled",
      input.note,
    );
  }

  /**
   * Completes a handover (`handover-completed`): the predecessor's assignment ends and the
   * successor's begins, at the signed `at`.
   */
  completeHandover(
    handover: HandoverView | string,
    keys: DeviceKeys,
    options: SignedActionOptions & { assignmentId?: string } = {},
  ): Promise<HandoverView> {
    const signer = this.signer(keys, options);
    return requestHandoverCompletion(this.http, signer, handover, options.assignmentId);
  }

  /**
   * Imports a CSV roster, all or nothing: the hub checks it and returns the entries the import
   * will log; each is checked against the shared schemas, signed, and sent with the roster.
   */
  async importRoster(
    csv: string,
    keys: DeviceKeys,
    options: SignedActionOptions = {},
  ): Promise<RosterImportResult> {
    await this.crypto.ready();
    return importRosterSigned(
      this.http,
      csv,
      (entry) => signLogEntry(this.crypto, keys, entry),
      options,
    );
  }

  private signer(keys: DeviceKeys, options: SignedActionOptions): RegisterSigner {
    return { crypto: this.crypto, keys, at: options.at ?? new Date() };
  }
}
