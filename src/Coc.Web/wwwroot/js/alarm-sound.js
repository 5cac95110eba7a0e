// The control room's alarm beep (AlarmSound.razor), made with Web Audio so there is no sound file to ship
// or to be missing. Critical: three high beeps; warning: one lower beep. A screen that is already beeping
// does not stack beeps from a burst of alarms.
window.cocAlarmSound = (() => {
  'use strict';
  let context = null;
  let busyUntil = 0;

  function beep(severity) {
    context ??= new AudioContext();
    const now = context.currentTime;
    if (now < busyUntil) {
      return;
    }
    const critical = severity === 'critical';
    const count = critical ? 3 : 1;
    for (let i = 0; i < count; i++) {
      const start = now + i * 0.35;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = critical ? 1320 : 880;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.3);
    }
    busyUntil = now + count * 0.35;
    document.documentElement.dataset.alarmBeeps = String(Number(document.documentElement.dataset.alarmBeeps || 0) + 1);
  }

  return { beep };
})();
