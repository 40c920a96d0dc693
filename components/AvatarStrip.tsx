import type { Lang } from '@/lib/chapters';
import { modelFactsAtBuild } from './imageModel/manifestAtBuild';
import { AvatarStripClient } from './imageExtras/AvatarStripClient';

/**
 * The home page's "strange avatars": a row of digits drawn live by the pretrained model. This
 * server part only reads the model's default guidance from its manifest at build time; nothing
 * heavy (TF.js, weights) loads until the reader asks for avatars.
 */
export function AvatarStrip({ lang }: { lang: Lang }) {
  return <AvatarStripClient lang={lang} guidance={modelFactsAtBuild().defaultGuidance} />;
}
