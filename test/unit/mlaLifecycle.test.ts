import { describe, expect, it } from "vitest";
import {
  availableActions,
  checkTransition,
  finalStatuses,
  mlaTransitions,
} from "#shared/mla/lifecycle";
import { mlaActions, mlaSides, type mlaStatuses } from "#shared/mla/lifecycleVocabulary";
import {
  checkTransitionStatement,
  mlaTransitionStatementSchema,
} from "#shared/mla/transitionStatement";

const requestId = "0f40852a-530c-4a3d-88bd-a01b98fec6e7";
const at = "2026-12-01T09:00:00.000Z";

describe("the MLA lifecycle", () => {
  it("has exactly one row per action", () => {
    expect(mlaTransitions.map((row) => row.action).sort()).toEqual([...mlaActions].sort());
  });

  it("walks a request from draft to executed", () => {
    const steps = [
      ["send", "requesting", "sent"],
      ["acknowledge", "requested", "acknowledged"],
      ["start_execution", "requested", "in_execution"],
      ["report_partial_execution", "requested", "partially_executed"],
      ["report_partial_execution", "requested", "partially_executed"],
      ["complete_execution", "requested", "executed"],
    ] as const;
    let status: (typeof mlaStatuses)[number] = "draft";
    for (const [action, side, expected] of steps) {
      const check = checkTransition(status, action, side);
      expect(check, `${action} from ${status}`).toMatchObject({ ok: true, to: expected });
      if (check.ok) status = check.to;
    }
  });

  it("lets only the requesting side send, withdraw and provide information", () => {
    expect(checkTransition("draft", "send", "requested")).toEqual({
      ok: false,
      reason: "wrong_side",
    });
    expect(checkTransition("in_execution", "withdraw", "requested")).toEqual({
      ok: false,
      reason: "wrong_side",
    });
    expect(checkTransition("sent", "provide_information", "requested", true)).toEqual({
      ok: false,
      reason: "wrong_side",
    });
  });

  it("lets only the requested side acknowledge, execute, refuse and ask for information", () => {
    for (const [status, action] of [
      ["sent", "acknowledge"],
      ["acknowledged", "start_execution"],
      ["in_execution", "complete_execution"],
      ["sent", "refuse"],
      ["acknowledged", "request_information"],
    ] as const) {
      expect(checkTransition(status, action, "requesting"), action).toEqual({
        ok: false,
        reason: "wrong_side",
      });
      expect(checkTransition(status, action, "requested").ok, action).toBe(true);
    }
  });

  it("refuses an action that does not apply to the status", () => {
    expect(checkTransition("draft", "acknowledge", "requested")).toEqual({
      ok: false,
      reason: "invalid_transition",
    });
    expect(checkTransition("sent", "complete_execution", "requested")).toEqual({
      ok: false,
      reason: "invalid_transition",
    });
    expect(checkTransition("acknowledged", "send", "requesting")).toEqual({
      ok: false,
      reason: "invalid_transition",
    });
  });

  it("refuses every action on an executed, refused or withdrawn request", () => {
    for (const status of finalStatuses) {
      for (const action of mlaActions) {
        for (const side of mlaSides) {
          expect(checkTransition(status, action, side)).toEqual({
            ok: false,
            reason: "request_closed",
          });
        }
      }
    }
  });

  it("requires grounds for a refusal only", () => {
    expect(checkTransition("acknowledged", "refuse", "requested")).toMatchObject({
      ok: true,
      to: "refused",
      groundsRequired: true,
    });
    expect(checkTransition("sent", "withdraw", "requesting")).toMatchObject({
      ok: true,
      to: "withdrawn",
      groundsRequired: false,
    });
  });

  describe("requests for additional information", () => {
    it("keep the status and raise, then lower, the awaiting-information flag", () => {
      expect(checkTransition("in_execution", "request_information", "requested")).toEqual({
        ok: true,
        to: "in_execution",
        awaitingInformation: true,
        groundsRequired: false,
      });
      expect(checkTransition("in_execution", "provide_information", "requesting", true)).toEqual({
        ok: true,
        to: "in_execution",
        awaitingInformation: false,
        groundsRequired: false,
      });
    });

    it("refuse an answer nobody asked for, and a second question before the answer", () => {
      expect(checkTransition("acknowledged", "provide_information", "requesting")).toEqual({
        ok: false,
        reason: "no_information_requested",
      });
      expect(checkTransition("acknowledged", "request_information", "requested", true)).toEqual({
        ok: false,
        reason: "information_already_requested",
      });
    });

    it("do not stop the requested side from executing, and an ending settles the question", () => {
      expect(checkTransition("acknowledged", "start_execution", "requested", true)).toMatchObject({
        ok: true,
        awaitingInformation: true,
      });
      expect(checkTransition("in_execution", "refuse", "requested", true)).toMatchObject({
        ok: true,
        awaitingInformation: false,
      });
    });
  });

  it("offers each side only the actions it may take", () => {
    expect(availableActions("sent", "requested")).toEqual([
      "acknowledge",
      "refuse",
      "request_information",
    ]);
    expect(availableActions("sent", "requesting")).toEqual(["withdraw"]);
    expect(availableActions("sent", "requesting", true)).toEqual([
      "withdraw",
      "provide_information",
    ]);
    expect(availableActions("executed", "requesting")).toEqual([]);
  });
});

describe("the signed transition statement", () => {
  const refusal = {
    v: 1,
    type: "mla-transition",
    requestId,
    action: "refuse",
    side: "requested",
    from: "acknowledged",
    to: "refused",
    grounds: ["no_dual_criminality"],
    at,
  } as const;

  it("accepts a refusal with coded grounds", () => {
    expect(mlaTransitionStatementSchema.safeParse(refusal).success).toBe(true);
  });

  it("refuses a refusal without grounds, and grounds on anything else", () => {
    const { grounds: _grounds, ...withoutGrounds } = refusal;
    expect(mlaTransitionStatementSchema.safeParse(withoutGrounds).success).toBe(false);
    const acknowledgement = {
      ...refusal,
      action: "acknowledge",
      from: "sent",
      to: "acknowledged",
    };
    expect(mlaTransitionStatementSchema.safeParse(acknowledgement).success).toBe(false);
  });

  it("refuses a `to` that the table does not give", () => {
    const wrong = { ...refusal, to: "withdrawn" };
    expect(mlaTransitionStatementSchema.safeParse(wrong).success).toBe(false);
    const information = {
      ...refusal,
      action: "request_information",
      from: "in_execution",
      to: "in_execution",
      grounds: undefined,
    };
    expect(mlaTransitionStatementSchema.safeParse(information).success).toBe(true);
  });

  it("refuses unknown fields, so that no free text slips into the log", () => {
    expect(mlaTransitionStatementSchema.safeParse({ ...refusal, note: "reasons" }).success).toBe(
      false,
    );
  });

  it("applies only to the request's current status and side", () => {
    const statement = mlaTransitionStatementSchema.parse(refusal);
    expect(
      checkTransitionStatement(statement, { status: "acknowledged", awaitingInformation: false }),
    ).toEqual({ ok: true });
    expect(
      checkTransitionStatement(statement, { status: "sent", awaitingInformation: false }),
    ).toEqual({
      ok: false,
      reason: "stale_statement",
    });
    const bySender = mlaTransitionStatementSchema.parse({ ...refusal, side: "requesting" });
    expect(
      checkTransitionStatement(bySender, { status: "acknowledged", awaitingInformation: false }),
    ).toEqual({
      ok: false,
      reason: "wrong_side",
    });
  });
});
