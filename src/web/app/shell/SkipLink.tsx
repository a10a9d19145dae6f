import { t } from '../../i18n/t';
import classes from './SkipLink.module.css';

export const MAIN_ID = 'main-content';

/** The first tab stop on every page: jumps past the header and navigation. */
export function SkipLink() {
  return (
    <a className={classes.skip} href={`#${MAIN_ID}`}>
      {t('app.skipToContent')}
    </a>
  );
}
