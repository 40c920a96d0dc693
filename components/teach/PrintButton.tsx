'use client';

/** Opens the browser's print dialog (the page prints as the guide followed by one handout per chapter). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="teach-print" data-testid="teach-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
