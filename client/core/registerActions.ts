import {
  type AssignmentView,
  assignmentResponseSchema,
  completeHandoverFieldsSchema,
  createPostFieldsSchema,
  endAssignmentFieldsSchema,
  type HandoverView,
  handoverResponseSchema,
  handoverStepFieldsSchema,
  type PostView,
  postResponseSchema,
  startAssignmentFieldsSchema,
  startHandoverFieldsSchema,
  updatePostFieldsSchema,
} from "#shared/api/register";
import {
  assignmentEndedEntry,
  assignmentStartedEntry,
  handoverCompletedEntry,
  handoverStartedEntry,
  handoverStepEntry,
  type IntermediateHandoverStep,
  postChangedEntry,
  postCreatedEntry,
} from "#shared/log/registerEntryBuilders";
import type { HubHttp } from "./hubHttp.ts";
import { newRecordId, type RegisterSigner, signedRegisterBody } from "./registerSigning.ts";
import type {
  AssignInput,
  CreatePostInput,
  EndAssignmentInput,
  StartHandoverInput,
  UpdatePostInput,
} from "./registerTypes.ts";

/** The logged requests of `RegisterClient`: each body is signed for the log by the signer. */

const base = "/api/v1/register";
const id = (value: string) => encodeURIComponent(value);
const iso = (value: Date | string) => (typeof value === "string" ? value : value.toISOString());
const stepPaths: Record<IntermediateHandoverStep, string> = {
  successor_enrolled: "successor-enrolled",
  keys_handed_over: "keys-handed-over",
  cancelled: "cancel",
};

/** `post-created`. */
export async function requestPostCreation(
  http: HubHttp,
  signer: RegisterSigner,
  input: CreatePostInput,
): Promise<PostView> {
  const fields = {
    ...input,
    postId: input.postId ?? newRecordId(),
    deputyPostId: input.deputyPostId ?? null,
  };
  const body = await signedRegisterBody(signer, createPostFieldsSchema, fields, postCreatedEntry);
  return (await http.json("POST", `${base}/posts`, postResponseSchema, body)).post;
}

/** `post-changed`. */
export async function requestPostChange(
  http: HubHttp,
  signer: RegisterSigner,
  postId: string,
  changes: UpdatePostInput,
): Promise<PostView> {
  const body = await signedRegisterBody(signer, updatePostFieldsSchema, changes, (value, at) =>
    postChangedEntry(postId, value, at),
  );
  const path = `${base}/posts/${id(postId)}/update`;
  return (await http.json("POST", path, postResponseSchema, body)).post;
}

/** `assignment-started`; it starts at the signed time unless told otherwise. */
export async function requestAssignment(
  http: HubHttp,
  signer: RegisterSigner,
  postId: string,
  input: AssignInput,
): Promise<AssignmentView> {
  const fields = {
    ...input,
    assignmentId: input.assignmentId ?? newRecordId(),
    startsAt: iso(input.startsAt ?? signer.at),
  };
  const body = await signedRegisterBody(signer, startAssignmentFieldsSchema, fields, (value, at) =>
    assignmentStartedEntry(postId, value, at),
  );
  const path = `${base}/posts/${id(postId)}/assignments`;
  return (await http.json("POST", path, assignmentResponseSchema, body)).assignment;
}

/** `assignment-ended`; it ends at the signed time unless told otherwise. */
export async function requestAssignmentEnd(
  http: HubHttp,
  signer: RegisterSigner,
  assignment: Pick<AssignmentView, "id" | "postId" | "person">,
  input: EndAssignmentInput,
): Promise<AssignmentView> {
  const fields = {
    postId: assignment.postId,
    personId: assignment.person.id,
    endsAt: iso(input.endsAt ?? signer.at),
    reason: input.reason,
  };
  const body = await signedRegisterBody(signer, endAssignmentFieldsSchema, fields, (value, at) =>
    assignmentEndedEntry(assignment.id, value, at),
  );
  const path = `${base}/assignments/${id(assignment.id)}/end`;
  return (await http.json("POST", path, assignmentResponseSchema, body)).assignment;
}

/** The handover as given, or fetched by id. */
export async function currentHandover(
  http: HubHttp,
  handover: HandoverView | string,
): Promise<HandoverView> {
  if (typeof handover !== "string") return handover;
  const path = `${base}/handovers/${id(handover)}`;
  return (await http.json("GET", path, handoverResponseSchema)).handover;
}

/** `handover-started`, from the post's acting holder as the directory shows it now. */
export async function requestHandoverStart(
  http: HubHttp,
  signer: RegisterSigner,
  postId: string,
  input: StartHandoverInput,
): Promise<HandoverView> {
  const { holder } = (await http.json("GET", `${base}/posts/${id(postId)}`, postResponseSchema))
    .post;
  const fields = {
    handoverId: input.handoverId ?? newRecordId(),
    predecessorAssignmentId: holder?.assignmentId ?? null,
    predecessorPersonId: holder?.personId ?? null,
    successorPersonId: input.successorPersonId,
    reason: input.reason,
  };
  const body = await signedRegisterBody(signer, startHandoverFieldsSchema, fields, (value, at) =>
    handoverStartedEntry(postId, value, at),
  );
  const path = `${base}/posts/${id(postId)}/handovers`;
  return (await http.json("POST", path, handoverResponseSchema, body)).handover;
}

/** `handover-successor-enrolled`, `handover-keys-handed-over` or `handover-cancelled`. */
export async function requestHandoverStep(
  http: HubHttp,
  signer: RegisterSigner,
  handover: HandoverView | string,
  step: IntermediateHandoverStep,
  note: string | undefined,
): Promise<HandoverView> {
  const current = await currentHandover(http, handover);
  const fields = {
    postId: current.postId,
    successorPersonId: current.successorPersonId,
    ...(note === undefined ? {} : { note }),
  };
  const body = await signedRegisterBody(signer, handoverStepFieldsSchema, fields, (value, at) =>
    handoverStepEntry(step, current.id, value, at),
  );
  const path = `${base}/handovers/${id(current.id)}/${stepPaths[step]}`;
  return (await http.json("POST", path, handoverResponseSchema, body)).handover;
}

/** `handover-completed`: the predecessor's assignment ends, the successor's begins, at `at`. */
export async function requestHandoverCompletion(
  http: HubHttp,
  signer: RegisterSigner,
  handover: HandoverView | string,
  assignmentId: string | undefined,
): Promise<HandoverView> {
  const current = await currentHandover(http, handover);
  const fields = {
    postId: current.postId,
    predecessorAssignmentId: current.predecessorAssignmentId,
    predecessorPersonId: current.predecessorPersonId,
    successorPersonId: current.successorPersonId,
    assignmentId: assignmentId ?? newRecordId(),
  };
  const body = await signedRegisterBody(signer, completeHandoverFieldsSchema, fields, (value, at) =>
    handoverCompletedEntry(current.id, value, at),
  );
  const path = `${base}/handovers/${id(current.id)}/complete`;
  return (await http.json("POST", path, handoverResponseSchema, body)).handover;
}
