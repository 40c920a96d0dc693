'use client';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

const GAP = 6;
const MARGIN = 8;

/**
 * Places the open tooltip next to its term, below it when there is room, else above, inside the
 * viewport. The tooltip is a manual popover, so it sits in the top layer: no ancestor clips it
 * (the prose paragraphs use `content-visibility`, tables and cells scroll) and nothing moves.
 */
function place(anchor: HTMLElement, tip: HTMLElement) {
  const a = anchor.getBoundingClientRect();
  const { width, height } = tip.getBoundingClientRect();
  const left = Math.max(MARGIN, Math.min(a.left, window.innerWidth - MARGIN - width));
  const below = a.bottom + GAP;
  const top = below + height <= window.innerHeight - MARGIN || a.top - GAP - height < MARGIN ? below : a.top - GAP - height;
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}

function useTooltip(anchor: React.RefObject<HTMLElement | null>, tip: React.RefObject<HTMLElement | null>) {
  const [open, setOpen] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const show = useCallback(() => { window.clearTimeout(timer.current); setOpen(true); }, []);
  // A short delay lets the pointer cross from the term onto the tooltip (WCAG 1.4.13: hoverable).
  const hide = useCallback((delay = 0) => {
    window.clearTimeout(timer.current);
    if (delay > 0) timer.current = window.setTimeout(() => setOpen(false), delay);
    else setOpen(false);
  }, []);
  useLayoutEffect(() => {
    const el = tip.current;
    if (!el || !anchor.current) return;
    if (!open) {
      if (el.matches(':popover-open')) el.hidePopover();
      return;
    }
    if (typeof el.showPopover === 'function' && !el.matches(':popover-open')) el.showPopover();
    else el.setAttribute('data-open', '');
    place(anchor.current, el);
    const follow = () => anchor.current && place(anchor.current, el);
    // Escape dismisses it without moving focus or pointer (WCAG 1.4.13: dismissible); a tap
    // elsewhere closes it on touch screens.
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    const onOutside = (e: PointerEvent) => { if (!anchor.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('scroll', follow, { capture: true, passive: true });
    window.addEventListener('resize', follow);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onOutside);
    return () => {
      el.removeAttribute('data-open');
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onOutside);
    };
  }, [open, anchor, tip]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { open, show, hide };
}

/**
 * A term's link to its glossary entry, described by its definition (aria-describedby → a
 * role="tooltip" element). The definition shows on hover and on keyboard focus; on a touch
 * screen the first tap shows it and a second tap follows the link.
 */
export function TermLink({ href, tipId, termId, tip, children }: { href: string; tipId: string; termId: string; tip: ReactNode; children: ReactNode }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const tipRef = useRef<HTMLSpanElement>(null);
  const { open, show, hide } = useTooltip(anchor, tipRef);
  // Read at pointerdown, before the tap's focus opens the tooltip.
  const tap = useRef({ touch: false, wasOpen: false });
  return (
    <span ref={anchor} className="term" data-term-link={termId}
      onPointerEnter={(e) => { if (e.pointerType !== 'touch') show(); }}
      onPointerLeave={(e) => { if (e.pointerType !== 'touch') hide(150); }}>
      <a href={href} className="term-link" aria-describedby={tipId}
        onFocus={show} onBlur={() => hide()}
        onPointerDown={(e) => { tap.current = { touch: e.pointerType === 'touch', wasOpen: open }; }}
        onClick={(e) => {
          if (tap.current.touch && !tap.current.wasOpen) { e.preventDefault(); show(); }
        }}>
        {children}
      </a>
      <span ref={tipRef} id={tipId} role="tooltip" popover="manual" className="term-tip">{tip}</span>
    </span>
  );
}
