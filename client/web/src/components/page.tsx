import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * A screen: its heading takes the focus when the screen opens, so that keyboard and screen-reader
 * users land on the new content rather than on the link they followed.
 */
export function Page(props: { title: string; intro?: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [props.title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.intro ? <p class="intro">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}
