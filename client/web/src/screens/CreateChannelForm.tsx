import { useState } from "preact/hooks";
import type { HistoryPolicy } from "#shared/log/channelEntries";
import { FormError } from "../app/errors.ts";
import { navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import {
  CheckboxField,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
} from "../components/forms.tsx";
import { countryName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";

const policies: readonly HistoryPolicy[] = ["institutional", "restricted"];

/** Creates a channel: its owner post among mine, member posts from the roster, its policy. */
export function CreateChannelForm(props: { live: LiveChannels }) {
  const { client, me } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState("");
  const [owner, setOwner] = useState("");
  const [members, setMembers] = useState<readonly string[]>([]);
  const [policy, setPolicy] = useState<HistoryPolicy>("institutional");
  const [deputies, setDeputies] = useState(false);
  const creating = useAction();
  const all = posts.data ?? [];
  const mine = all.filter((post) => post.holder?.personId === me?.person.id);
  const ownerPostId = owner || mine[0]?.id || "";
  const toggle = (postId: string, on: boolean) =>
    setMembers(on ? [...members, postId] : members.filter((id) => id !== postId));

  const submit = (event: Event) => {
    event.preventDefault();
    void creating.run(async () => {
      if (name.trim() === "") throw new FormError("channels.nameRequired");
      if (ownerPostId === "") throw new FormError("channels.ownerRequired");
      const view = await props.live.channels.create({
        name: name.trim(),
        purpose: purpose.trim(),
        ownerPostId,
        memberPostIds: members.filter((id) => id !== ownerPostId),
        historyPolicy: policy,
        includeDeputies: deputies,
      });
      await props.live.refreshList();
      navigate({ name: "channel", channelId: view.id });
    });
  };

  return (
    <section class="card" aria-labelledby="create-channel">
      <h2 id="create-channel">{t("channels.create")}</h2>
      {posts.error ? <Notice kind="error">{posts.error}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <TextField label={t("channels.name")} value={name} onInput={setName} maxLength={120} />
        <TextField label={t("channels.purpose")} value={purpose} onInput={setPurpose} />
        {mine.length === 0 ? (
          <p>{posts.loading ? t("app.loading") : t("channels.noPostHeld")}</p>
        ) : (
          <SelectField
            label={t("channels.ownerPost")}
            value={ownerPostId}
            onChange={setOwner}
            options={mine.map((post) => ({ value: post.id, label: post.title }))}
          />
        )}
        <fieldset class="choices">
          <legend>{t("channels.memberPosts")}</legend>
          {all
            .filter((post) => post.id !== ownerPostId)
            .map((post) => (
              <CheckboxField
                key={post.id}
                label={`${post.title} (${countryName(post.country)}${post.holder ? `, ${post.holder.displayName}` : ""})`}
                checked={members.includes(post.id)}
                onChange={(on) => toggle(post.id, on)}
              />
            ))}
        </fieldset>
        <fieldset class="choices">
          <legend>{t("channels.policy")}</legend>
          {policies.map((value) => (
            <div class="field radio" key={value}>
              <input
                id={`policy-${value}`}
                type="radio"
                name="history-policy"
                value={value}
                checked={policy === value}
                onChange={() => setPolicy(value)}
                aria-describedby={`policy-${value}-help`}
              />
              <label for={`policy-${value}`}>{t(`channels.policyName.${value}`)}</label>
              <p id={`policy-${value}-help`} class="hint">
                {t(`channels.policyHelp.${value}`)}
              </p>
            </div>
          ))}
        </fieldset>
        <CheckboxField
          label={t("channels.includeDeputies")}
          checked={deputies}
          onChange={setDeputies}
        />
        {creating.error ? <Notice kind="error">{creating.error}</Notice> : null}
        <SubmitButton
          busy={creating.busy}
          label={t("channels.createSubmit")}
          busyLabel={t("channels.creating")}
        />
      </form>
    </section>
  );
}
