import { useState } from "preact/hooks";
import { ClientError } from "#client/core/errors";
import type { HandoverView, PostHistory } from "#client/core/registerClient";
import type { PersonView } from "#shared/api/identity";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice, SubmitButton, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName } from "../i18n/format.ts";
import { type MessageKey, t } from "../i18n/index.ts";
import { holderLabel } from "./RosterScreen.tsx";
import { isOpen, mayRunHandovers } from "./registerRules.ts";

/** The wizard's steps, in the order of `relais handover` (start, successor-enrolled, ...). */
const wizardSteps = ["started", "successor_enrolled", "keys_handed_over", "completed"] as const;
type WizardStep = (typeof wizardSteps)[number];

/** The step to take next for an open handover, or "started" when there is none. */
function nextStep(handover: HandoverView | undefined): WizardStep {
  if (handover === undefined) return "started";
  if (handover.status === "started") return "successor_enrolled";
  if (handover.status === "successor_enrolled") return "keys_handed_over";
  return "completed";
}

/** The handover wizard for administrators and coordinators: each step signed and logged. */
export function HandoverScreen(props: { postId: string }) {
  const session = useSession();
  const history = useLoad(
    () => session.client.register.history(props.postId),
    [session.client, props.postId],
  );
  const title = history.data
    ? t("handover.title", { post: history.data.post.title })
    : t("post.startHandover");
  return (
    <Page title={title} intro={t("handover.intro")}>
      <p>
        <a href={href({ name: "post", postId: props.postId })}>{t("post.title")}</a>
      </p>
      {history.error ? <Notice kind="error">{history.error}</Notice> : null}
      {history.data ? <Wizard history={history.data} reload={history.reload} /> : null}
    </Page>
  );
}

function Stepper(props: { current: WizardStep | null }) {
  const currentIndex =
    props.current === null ? wizardSteps.length : wizardSteps.indexOf(props.current);
  return (
    <ol class="stepper" aria-label={t("handover.stepsLabel")}>
      {wizardSteps.map((step, index) => (
        <li
          key={step}
          aria-current={index === currentIndex ? "step" : undefined}
          class={index < currentIndex ? "done" : index === currentIndex ? "current" : ""}
        >
          {t(`vocab.handoverStep.${step}`)}
          <span class="visually-hidden">
            {" "}
            (
            {index < currentIndex
              ? t("handover.done")
              : index === currentIndex
                ? t("handover.current")
                : ""}
            )
          </span>
        </li>
      ))}
    </ol>
  );
}

function Wizard(props: { history: PostHistory; reload: () => void }) {
  const session = useSession();
  const { post, handovers } = props.history;
  const open = handovers.find(isOpen);
  const [finished, setFinished] = useState<HandoverView | null>(null);
  const [successorName, setSuccessorName] = useState<string | null>(null);
  if (session.me === null) return null;
  if (!mayRunHandovers(session.me, post.country)) {
    return <Notice kind="error">{t("handover.notAllowed")}</Notice>;
  }
  if (finished !== null) {
    return (
      <>
        <Stepper current={null} />
        <Notice kind="success">
          {finished.status === "completed"
            ? t("handover.completed", { name: successorName ?? finished.successorPersonId })
            : t("handover.cancelled")}
        </Notice>
      </>
    );
  }
  const step = nextStep(open);
  return (
    <>
      <Stepper current={step} />
      <p>
        {t("handover.predecessor")}: <strong>{holderLabel(post)}</strong>
      </p>
      {session.keys === null ? <Notice kind="info">{t("handover.needsKeys")}</Notice> : null}
      {open === undefined ? (
        <StartStep
          postId={post.id}
          onStarted={(name) => {
            setSuccessorName(name);
            props.reload();
          }}
        />
      ) : (
        <NextStep
          handover={open}
          step={step}
          onDone={(handover) => {
            if (handover.status === "completed" || handover.status === "cancelled") {
              setFinished(handover);
            }
            props.reload();
          }}
          successorName={successorName}
        />
      )}
    </>
  );
}

function requireKeys(keys: ReturnType<typeof useSession>["keys"]) {
  if (keys === null) throw new ClientError("device_locked", "unlock the device keys first");
  return keys;
}

function StartStep(props: { postId: string; onStarted: (successorName: string) => void }) {
  const session = useSession();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<PersonView[] | null>(null);
  const [chosen, setChosen] = useState<PersonView | null>(null);
  const [reason, setReason] = useState(t("handover.defaultReason"));
  const searching = useAction();
  const starting = useAction();
  const search = (event: Event) => {
    event.preventDefault();
    void searching.run(async () => {
      setFound(await session.client.register.searchPersons(query.trim() || undefined));
      setChosen(null);
    });
  };
  const start = (event: Event) => {
    event.preventDefault();
    void starting.run(async () => {
      if (chosen === null) return;
      await session.client.register.startHandover(
        props.postId,
        { successorPersonId: chosen.id, reason: reason.trim() || t("handover.defaultReason") },
        requireKeys(session.keys),
      );
      props.onStarted(chosen.displayName);
    });
  };
  return (
    <>
      <form class="card inline-form" onSubmit={search}>
        <TextField
          label={t("handover.successorSearch")}
          type="search"
          value={query}
          onInput={setQuery}
        />
        <SubmitButton
          busy={searching.busy}
          label={t("handover.search")}
          busyLabel={t("common.working")}
        />
      </form>
      {searching.error ? <Notice kind="error">{searching.error}</Notice> : null}
      {found !== null ? (
        <form class="card" onSubmit={start}>
          <fieldset>
            <legend>{t("handover.choose")}</legend>
            {found.length === 0 ? <p>{t("handover.noResults")}</p> : null}
            {found.map((person) => (
              <div class="field checkbox" key={person.id}>
                <input
                  type="radio"
                  id={`successor-${person.id}`}
                  name="successor"
                  value={person.id}
                  checked={chosen?.id === person.id}
                  onChange={() => setChosen(person)}
                />
                <label for={`successor-${person.id}`}>
                  {person.displayName} ({person.username}), {t(`vocab.role.${person.role}`)}
                  {person.country ? `, ${countryName(person.country)}` : ""} —{" "}
                  {t(`vocab.personStatus.${person.status}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <TextField label={t("handover.reason")} value={reason} onInput={setReason} required />
          {starting.error ? <Notice kind="error">{starting.error}</Notice> : null}
          <button
            type="submit"
            class="primary"
            disabled={chosen === null || starting.busy}
            aria-busy={starting.busy}
          >
            {t("handover.start")}
          </button>
        </form>
      ) : null}
    </>
  );
}

const stepActions: Record<
  Exclude<WizardStep, "started">,
  { label: MessageKey; help: MessageKey }
> = {
  successor_enrolled: { label: "handover.recordEnrolled", help: "handover.enrolledHelp" },
  keys_handed_over: { label: "handover.recordKeys", help: "handover.keysHelp" },
  completed: { label: "handover.complete", help: "handover.completeHelp" },
};

function NextStep(props: {
  handover: HandoverView;
  step: WizardStep;
  successorName: string | null;
  onDone: (handover: HandoverView) => void;
}) {
  const session = useSession();
  const [cancelReason, setCancelReason] = useState("");
  const action = useAction();
  const register = session.client.register;
  const step = props.step === "started" ? "successor_enrolled" : props.step;
  const { label, help } = stepActions[step];

  const advance = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const keys = requireKeys(session.keys);
      const handover =
        step === "successor_enrolled"
          ? await register.recordSuccessorEnrolled(props.handover, keys)
          : step === "keys_handed_over"
            ? await register.recordKeysHandedOver(props.handover, keys)
            : await register.completeHandover(props.handover, keys);
      props.onDone(handover);
    });
  };
  const cancel = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const note = cancelReason.trim();
      const handover = await register.cancelHandover(
        props.handover,
        requireKeys(session.keys),
        note === "" ? {} : { note },
      );
      props.onDone(handover);
    });
  };
  return (
    <>
      <form class="card" onSubmit={advance}>
        <p>
          {t("post.successor")}:{" "}
          <strong>{props.successorName ?? props.handover.successorPersonId}</strong>
        </p>
        <p>{t(help)}</p>
        {action.error ? <Notice kind="error">{action.error}</Notice> : null}
        <SubmitButton busy={action.busy} label={t(label)} busyLabel={t("common.working")} />
      </form>
      <form class="card" onSubmit={cancel}>
        <TextField
          label={t("handover.cancelReason")}
          value={cancelReason}
          onInput={setCancelReason}
        />
        <button type="submit" class="danger" disabled={action.busy}>
          {t("handover.cancel")}
        </button>
      </form>
    </>
  );
}
