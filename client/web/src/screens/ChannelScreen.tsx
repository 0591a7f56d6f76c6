import { useEffect, useState } from "preact/hooks";
import type { ChannelRecipients } from "#client/core/log/logVerifier";
import type { PostView } from "#client/core/registerClient";
import type { ChannelView } from "#shared/api/channels";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice, SelectField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { Composer } from "../messaging/Composer.tsx";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { MessageList } from "../messaging/MessageList.tsx";
import { ConnectionStatus, SecurityBanner } from "../messaging/MessagingStatus.tsx";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

/** Reading a channel: who can read it, its messages, attachments, and writing. */
export function ChannelScreen(props: { channelId: string }) {
  const live = useLiveChannels();
  const { client } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const [readBefore, setReadBefore] = useState<number | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const ready = live !== null && !live.starting;

  useEffect(() => {
    if (live === null || !ready) return;
    setOpenError(null);
    live.open(props.channelId).then(setReadBefore, setOpenError);
    return () => live.leave(props.channelId);
  }, [live, ready, props.channelId]);

  if (live === null) {
    return (
      <Page title={t("nav.channels")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const view = live.views.find((candidate) => candidate.id === props.channelId);
  const names = holderNames(posts.data ?? []);
  const messages = live.messagesOf(props.channelId);
  return (
    <Page title={view?.name ?? t("nav.channels")}>
      <p>
        <a href={href({ name: "channels" })}>{t("channels.back")}</a>
      </p>
      <ConnectionStatus live={live} />
      <SecurityBanner live={live} channelId={props.channelId} />
      {view ? <ReadersBanner live={live} view={view} nameOf={names} /> : null}
      {openError !== null ? <Notice kind="error">{t("channels.openFailed")}</Notice> : null}
      {messages === undefined ? (
        <p role="status" aria-busy="true">
          {t("channels.verifyingHistory")}
        </p>
      ) : (
        <MessageList
          live={live}
          channelId={props.channelId}
          messages={messages}
          readBefore={readBefore ?? 0}
          nameOf={names}
        />
      )}
      <Composer live={live} channelId={props.channelId} />
      {view ? <MemberManager live={live} view={view} posts={posts.data ?? []} /> : null}
    </Page>
  );
}

/** A person's name from the roster's holders and deputies, else a short id. */
function holderNames(posts: readonly PostView[]): (personId: string) => string {
  const names = new Map<string, string>();
  for (const post of posts) {
    for (const person of [post.holder, ...post.deputies]) {
      if (person) names.set(person.personId, person.displayName);
    }
  }
  return (personId) => names.get(personId) ?? personId.slice(0, 8);
}

/**
 * The history policy and who can read the channel now: its member posts and, from the verified
 * log (not the hub's word), their current holders and how many devices each has.
 */
function ReadersBanner(props: {
  live: LiveChannels;
  view: ChannelView;
  nameOf: (personId: string) => string;
}) {
  const { live, view } = props;
  const [readers, setReaders] = useState<ChannelRecipients | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setReaders(null);
    setFailed(false);
    live.verifier.channelRecipients(view.id).then(setReaders, () => setFailed(true));
  }, [live, view.id, view.members.length]);
  return (
    <section class="card readers" aria-labelledby="readers-title" data-testid="readers">
      <h2 id="readers-title">{t("channels.whoCanRead")}</h2>
      <p>
        <strong>{t(`channels.policyName.${view.historyPolicy}`)}</strong>:{" "}
        {t(`channels.policyHelp.${view.historyPolicy}`)}
      </p>
      {view.includeDeputies ? <p>{t("channels.deputiesIncluded")}</p> : null}
      {failed ? <Notice kind="error">{t("channels.readersFailed")}</Notice> : null}
      {readers === null && !failed ? (
        <p role="status" aria-busy="true">
          {t("channels.checkingLog")}
        </p>
      ) : null}
      <ul>
        {view.members.map((member) => {
          const devices = readers?.recipients.filter((r) => r.postId === member.postId) ?? [];
          const people = [...new Set(devices.map((device) => device.personId))];
          return (
            <li key={member.postId}>
              {countryName(member.country)}: {member.title}
              {member.postId === view.ownerPostId ? ` (${t("channels.owner")})` : ""}
              {readers === null
                ? null
                : people.length === 0
                  ? ` — ${t("channels.nobodyReads")}`
                  : ` — ${people
                      .map((person) =>
                        t("channels.holderDevices", {
                          name: props.nameOf(person),
                          count: formatNumber(devices.filter((d) => d.personId === person).length),
                        }),
                      )
                      .join(", ")}`}
            </li>
          );
        })}
      </ul>
      {readers ? (
        <p class="hint">{t("channels.verifiedAt", { size: formatNumber(readers.treeSize) })}</p>
      ) : null}
      <p class="hint">{t("channels.cannotTakeBack")}</p>
    </section>
  );
}

/** Adds and removes member posts; the hub refuses with `forbidden` when I may not. */
function MemberManager(props: {
  live: LiveChannels;
  view: ChannelView;
  posts: readonly PostView[];
}) {
  const { live, view } = props;
  const [adding, setAdding] = useState("");
  const action = useAction();
  const memberIds = new Set(view.members.map((member) => member.postId));
  const candidates = props.posts.filter((post) => !memberIds.has(post.id));
  const change = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await live.refreshList();
    });
  return (
    <section class="card" aria-labelledby="members-title">
      <h2 id="members-title">{t("channels.manageMembers")}</h2>
      <ul>
        {view.members
          .filter((member) => member.postId !== view.ownerPostId)
          .map((member) => (
            <li key={member.postId}>
              {member.title}{" "}
              <button
                type="button"
                disabled={action.busy}
                onClick={() =>
                  void change(() => live.channels.removeMember(view.id, member.postId))
                }
              >
                {t("channels.remove", { title: member.title })}
              </button>
            </li>
          ))}
      </ul>
      {candidates.length > 0 ? (
        <div class="inline-form">
          <SelectField
            label={t("channels.addPost")}
            value={adding || (candidates[0]?.id ?? "")}
            onChange={setAdding}
            options={candidates.map((post) => ({
              value: post.id,
              label: `${post.title} (${countryName(post.country)})`,
            }))}
          />
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void change(() =>
                live.channels.addMember(view.id, adding || (candidates[0]?.id ?? "")),
              )
            }
          >
            {t("channels.add")}
          </button>
        </div>
      ) : null}
      {action.busy ? <p role="status">{t("common.working")}</p> : null}
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
    </section>
  );
}
