// "Share": a link that opens this scenario; the dialog itself (ShareDialog) loads on first use.
import { lazyPart } from '../lazy-part';
import { Popover } from './Popover';
import { ShareIcon } from './icons';

const ShareDialog = lazyPart(() => import('./ShareDialog').then((m) => m.ShareDialog), 'the share dialog');

export function ShareButton() {
  return (
    <Popover
      label="Share"
      ariaLabel="Share"
      testId="share-button"
      title="Put this scenario in a link and copy it"
      buttonText={
        <>
          <ShareIcon /> <span className="bar-label">Share</span>
        </>
      }
    >
      {() => <ShareDialog />}
    </Popover>
  );
}
