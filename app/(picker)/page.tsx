import { LanguagePicker } from '@/components/LanguagePicker';
import { MESSAGES } from '@/messages';

const { en, zh } = MESSAGES;

/** `/`: pick a language (preselected from the browser's language; English by default). */
export default function Root() {
  return (
    <main id="main" className="picker">
      <h1>{en.siteTitle} <span lang={zh.locale}>· {zh.siteTitle}</span></h1>
      <p>{en.siteTagline}</p>
      <p lang={zh.locale}>{zh.siteTagline}</p>
      <LanguagePicker />
    </main>
  );
}
