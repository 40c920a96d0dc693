'use client';
/**
 * The header's "Present" button: opens the presenter view at the section being read, keeping the
 * cells' parameters. A plain link to `?present` before the page has hydrated.
 */
import { useStrings } from '../LangProvider';
import { PRESENT_EVENT, presenterUrl } from './presenterSections';

/** The last H2 of the article whose top is above 30% of the viewport (what the TOC marks). */
function sectionInView(): string {
  const line = window.innerHeight * 0.3;
  let id = '';
  document.querySelectorAll('main article > h2[id]').forEach((h) => { if (!id || h.getBoundingClientRect().top <= line) id = h.id; });
  return id;
}

export function PresentButton() {
  const t = useStrings().classroom;
  return (
    <a href="?present" className="present-button" title={t.presentTitle} data-testid="present-button"
      onClick={(e) => {
        e.preventDefault();
        window.history.pushState(window.history.state, '', presenterUrl(true, sectionInView()));
        window.dispatchEvent(new Event(PRESENT_EVENT));
      }}>
      {t.present}
    </a>
  );
}
