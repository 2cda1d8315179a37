// A doctor's queue that is current after the session was renewed too:
// useQueue (queues.js) refetches on the stream's events and after a
// reconnect, but a stream opened again by a new sign-in starts afresh and
// cannot know what it missed, so each return to "live" refetches as well.
import { useEffect } from '../html.js';
import { get, query } from '../api.js';
import { onLiveStatus, liveStatus } from '../live.js';
import { useQueue } from './queues.js';

export function useLiveQueue(doctorId) {
  const [queue, setQueue] = useQueue(doctorId);
  useEffect(() => {
    let wasLive = liveStatus() === 'live';
    return onLiveStatus((status) => {
      if (status === 'live' && wasLive) {
        get(`/api/v1/queue${query({ doctor_id: doctorId })}`).then(setQueue).catch(() => {});
      }
      if (status === 'live') wasLive = true;
    });
  }, [doctorId]);
  return [queue, setQueue];
}
