// The viewer's time zone and whether they chose to read times in UTC, remembered by this browser.
const key = 'kalshiarb.timeZone';

export function read() {
    return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, showUtc: localStorage.getItem(key) === 'utc' };
}

export function save(showUtc) {
    localStorage.setItem(key, showUtc ? 'utc' : 'local');
}
