namespace MobilityMentoring.Bot.Channels.Simulator;

/// <summary>The simulator's one page: pick or make one of your test clients, chat, see the bot's replies as they are sent.</summary>
internal static class SimulatorPage
{
    public const string Html = """
<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{{csrf-token}}">
<title>Simulator · MobilityMentoring</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #eef1f4; display: flex; justify-content: center; }
  main { width: 380px; margin: 24px 0; background: #fff; border-radius: 24px; box-shadow: 0 4px 24px #0002; display: flex; flex-direction: column; height: 88vh; }
  header { padding: 16px; border-bottom: 1px solid #ddd; }
  header label { display: block; font-size: 13px; color: #444; margin-bottom: 4px; }
  header select, header input { width: 100%; box-sizing: border-box; padding: 6px; font-size: 15px; margin-bottom: 6px; }
  header .row { display: flex; gap: 6px; padding: 0; border: 0; }
  header .row input { flex: 1; } header .row select { width: auto; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 80%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; line-height: 1.35; }
  .in { align-self: flex-end; background: #0b6efd; color: #fff; }
  .out { align-self: flex-start; background: #e9ecef; color: #111; }
  form { display: flex; gap: 6px; padding: 12px; border-top: 1px solid #ddd; }
  form input { flex: 1; padding: 8px; font-size: 15px; }
  button { padding: 8px 14px; font-size: 15px; }
  .hint { font-size: 12px; color: #666; }
</style>
</head>
<body>
<main>
  <header>
    <label for="client">Testcliënt</label>
    <select id="client"><option value="">Kies een testcliënt…</option></select>
    <form id="new-client" class="row">
      <input id="name" placeholder="Voornaam" aria-label="Voornaam" autocomplete="off">
      <select id="language" aria-label="Taal"><option value="nl">nl</option><option value="en">en</option></select>
      <button type="submit">Nieuwe testcliënt</button>
    </form>
    <div class="hint">Alleen jouw eigen testcliënten, met een testnummer dat geen echte telefoon heeft. Berichten gaan door
      dezelfde stappen als sms en WhatsApp, maar niet naar Twilio. Elk gebruik staat in het auditlog.</div>
  </header>
  <div id="log" aria-live="polite"></div>
  <form id="send">
    <label for="text" hidden>Bericht</label>
    <input id="text" autocomplete="off" placeholder="Typ een bericht" required>
    <button type="submit">Stuur</button>
  </form>
</main>
<script>
  const log = document.getElementById('log'), client = document.getElementById('client');
  const headers = { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content };
  let last = 0, timer = null;
  function add(c) {
    const o = document.createElement('option');
    o.value = c.id; o.textContent = (c.firstName || 'Testcliënt ' + c.id) + ' (' + c.language + ', ' + c.phone + ')';
    client.append(o);
    return o;
  }
  async function load() {
    for (const c of await (await fetch('api/clients')).json()) add(c);
  }
  function restart() { log.replaceChildren(); last = 0; poll(); }
  client.addEventListener('change', restart);
  document.getElementById('new-client').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await fetch('api/clients', { method: 'POST', headers,
      body: JSON.stringify({ firstName: document.getElementById('name').value, language: document.getElementById('language').value }) });
    if (!r.ok) { const p = await r.json(); alert(Object.values(p.errors || {}).flat()[0] || p.detail || 'Niet gemaakt'); return; }
    add(await r.json()).selected = true;
    restart();
  });
  let polling = false;
  async function poll() {
    clearTimeout(timer);
    // A send and the timer can both ask for news; one request at a time, and never show a message twice.
    if (!polling && client.value) {
      polling = true;
      try {
        const r = await fetch('api/messages?clientId=' + encodeURIComponent(client.value) + '&after=' + last);
        if (r.ok) {
          for (const m of await r.json()) {
            if (m.id <= last) continue;
            const div = document.createElement('div');
            div.className = 'msg ' + m.direction; div.textContent = m.text; div.dataset.id = m.id;
            log.append(div); last = m.id;
          }
          log.scrollTop = log.scrollHeight;
        }
      } finally {
        polling = false;
      }
    }
    timer = setTimeout(poll, 700);
  }
  document.getElementById('send').addEventListener('submit', async e => {
    e.preventDefault();
    const text = document.getElementById('text');
    if (!client.value) { client.focus(); return; }
    const r = await fetch('api/messages', { method: 'POST', headers,
      body: JSON.stringify({ clientId: Number(client.value), text: text.value }) });
    if (r.ok) { text.value = ''; } else { alert((await r.json()).title || 'Niet verstuurd'); }
    poll();
  });
  load(); poll();
</script>
</body>
</html>
""";
}
