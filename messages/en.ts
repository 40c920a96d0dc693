/**
 * English UI strings: the reference set. messages/zh.ts must have the type of this object, so a key
 * missing in Chinese fails the type check. No logic here beyond filling parameters; numbers go
 * through messages/format.ts. Chapter prose lives in content/<lang>/, not here.
 */

export const en = {
  /** BCP 47 tag for <html lang> and number formatting. */
  locale: 'en',
  /** Separator between items of an inline list. */
  listSeparator: ', ',

  siteTitle: 'DDPM Explorable',
  siteTagline: 'Denoising Diffusion Probabilistic Models, explained with cells you can run.',
  chapters: 'Chapters',
  onThisPage: 'On this page',
  previous: 'Previous',
  next: 'Next',
  home: 'Home',
  language: 'Language',
  otherLanguage: '中文',
  otherLanguageLabel: '中文: read this page in Chinese',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSystem: 'System',
  copyLink: 'Copy link',
  copyLinkTo: 'Copy link to this section',
  copied: 'Link copied',
  copyFailed: 'Copy failed — the link is in the address bar',
  progress: 'read',
  notStarted: 'not started',
  skipToContent: 'Skip to content',
  run: 'Run',
  stop: 'Stop',
  rerun: 'Re-run',
  reset: 'Reset',
  showCode: 'Show code',
  hideCode: 'Hide code',
  status: 'Status',
  statusIdle: 'idle',
  statusRunning: 'running',
  statusDone: 'done',
  statusStopped: 'stopped',
  statusError: 'error',
  backend: 'compute',
  elapsed: 'elapsed',
  seed: 'Seed',
  noticeClamped: (p: string, raw: string, used: string) =>
    `URL parameter “${p}” = “${raw}” is outside its range; using ${used}.`,
  noticeInvalid: (p: string, raw: string, used: string) =>
    `URL parameter “${p}” = “${raw}” is not valid; using the default (${used}).`,
  cellCrashed: 'This cell hit an error and stopped. The rest of the page still works.',
  tryAgain: 'Reset this cell',
  copy: 'Copy',
  pickLanguage: 'Choose a language',
  minutes: 'min',
  hideControlsInLink: 'hide the controls in this link (for projecting)',
  showControls: 'Show controls',
  backendMainThread: 'JavaScript (main thread)',
  dismiss: 'dismiss',
  tableRegion: 'table',
  languageName: 'English',
  readInThisLanguage: 'Read in English',
};

export type Messages = typeof en;
