import { useEffect, useState } from "preact/hooks";

/** The screens of the app, addressed in the URL fragment (`#/roster`), so deep links need no server route. */
export type Route =
  | { name: "enrol" }
  | { name: "login" }
  | { name: "account" }
  | { name: "roster" }
  | { name: "post"; postId: string }
  | { name: "handover"; postId: string }
  | { name: "audit" }
  | { name: "channels" }
  | { name: "channel"; channelId: string }
  | { name: "alerts" }
  | { name: "alertNew" }
  | { name: "alert"; alertId: string }
  | { name: "alertUpdate"; alertId: string }
  | { name: "mla" }
  | { name: "mlaNew" }
  | { name: "mlaRequest"; requestId: string }
  | { name: "home" };

const simple = new Set([
  "enrol",
  "login",
  "account",
  "roster",
  "audit",
  "channels",
  "alerts",
  "mla",
] as const);
type SimpleName = typeof simple extends Set<infer T> ? T : never;

/** Reads a route from a fragment such as `#/posts/<id>/handover`; unknown ones go home. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === "posts" && second !== undefined) {
    if (third === "handover") return { name: "handover", postId: second };
    return { name: "post", postId: second };
  }
  if (first === "channels" && second !== undefined && third === undefined) {
    return { name: "channel", channelId: second };
  }
  if (first === "alerts" && second !== undefined && third === "update" && parts.length === 3) {
    return { name: "alertUpdate", alertId: second };
  }
  if (first === "alerts" && second !== undefined && third === undefined) {
    return second === "new" ? { name: "alertNew" } : { name: "alert", alertId: second };
  }
  if (first === "mla" && second !== undefined && third === undefined) {
    return second === "new" ? { name: "mlaNew" } : { name: "mlaRequest", requestId: second };
  }
  if (first !== undefined && simple.has(first as SimpleName) && second === undefined) {
    return { name: first as SimpleName };
  }
  return { name: "home" };
}

/** The fragment of a route, for links. */
export function href(route: Route): string {
  switch (route.name) {
    case "post":
      return `#/posts/${encodeURIComponent(route.postId)}`;
    case "handover":
      return `#/posts/${encodeURIComponent(route.postId)}/handover`;
    case "channel":
      return `#/channels/${encodeURIComponent(route.channelId)}`;
    case "alertNew":
      return "#/alerts/new";
    case "alert":
      return `#/alerts/${encodeURIComponent(route.alertId)}`;
    case "alertUpdate":
      return `#/alerts/${encodeURIComponent(route.alertId)}/update`;
    case "mlaNew":
      return "#/mla/new";
    case "mlaRequest":
      return `#/mla/${encodeURIComponent(route.requestId)}`;
    case "home":
      return "#/";
    default:
      return `#/${route.name}`;
  }
}

/** Goes to a route (adds a history entry, like following a link). */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The current route, re-rendering on every change of the fragment. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
