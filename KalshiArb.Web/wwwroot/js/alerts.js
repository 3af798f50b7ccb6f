// Opt-in alerts for new opportunities: a short beep (Web Audio) and a desktop notification when permitted.

export async function enable() {
    if ('Notification' in window && Notification.permission === 'default') {
        await Notification.requestPermission();
    }
    return 'Notification' in window ? Notification.permission : 'unsupported';
}

export function notify(title, body, sound) {
    if (sound) {
        const AudioContext = window.AudioContext || window.webkitAudioContext;
        if (AudioContext) {
            const context = new AudioContext();
            const oscillator = context.createOscillator();
            const gain = context.createGain();
            oscillator.frequency.value = 880;
            gain.gain.value = 0.1;
            oscillator.connect(gain).connect(context.destination);
            oscillator.start();
            oscillator.stop(context.currentTime + 0.15);
        }
    }
    if ('Notification' in window && Notification.permission === 'granted') {
        new Notification(title, { body });
    }
}
