"""Every sentence the bot says on its own (not from the FAQ), in German and English.

Warm, short, informal ("du") by default, and always ending in what the member can do
next; organisations that address members formally set `bot.address = "Sie"` and get the
German texts in `_FORMAL_GERMAN`. Kept in one place so an organisation or translator can
read and change them together.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Config

_TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "de": (
            "Hallo! Ich bin der Chat-Bot vom {name}. Frag mich einfach, z. B. nach Öffnungszeiten, "
            "Kursen oder der Kita.\n\n"
            "Wichtig: Schreib hier bitte nichts Persönliches (Gesundheit, Geld, Aufenthalt, Probleme zu Hause). "
            "Dafür sind wir per E-Mail oder Telefon für dich da. /privacy erklärt mehr."
        ),
        "en": (
            "Hi! I'm the chat bot of {name}. Just ask me, e.g. about opening hours, courses or the daycare.\n\n"
            "Important: please don't share anything personal here (health, money, residence status, trouble "
            "at home). For that we're there for you by email or phone. /privacy tells you more."
        ),
    },
    "help": {
        "de": (
            "Schreib mir deine Frage in einem Satz, z. B. „Wann habt ihr offen?“ oder „Gibt es Deutschkurse?“.\n"
            "/privacy – was mit deinen Nachrichten passiert\n"
            "/language – Sprache wählen (Deutsch/English)\n"
            "/mydata – was über dich gespeichert ist; /forgetme – alles löschen\n"
            "/human – dein Anliegen an unser Team weitergeben\n"
            "Persönliches bitte per E-Mail an {email} oder Telefon {phone}."
        ),
        "en": (
            "Send me your question in one sentence, e.g. “When are you open?” or “Do you have German classes?”.\n"
            "/privacy – what happens to your messages\n"
            "/language – choose a language (Deutsch/English)\n"
            "/mydata – what we keep about you; /forgetme – delete it all\n"
            "/human – pass your question on to our team\n"
            "Anything personal, please by email to {email} or phone {phone}."
        ),
    },
    "privacy": {
        "de": (
            "Dieser Chat läuft über eine kommerzielle Plattform. Deshalb beantworte ich hier nur allgemeine "
            "Fragen. Bei persönlichen Themen (Gesundheit, Geld, Aufenthalt, Gewalt, Kinderschutz) oder "
            "persönlichen Daten verweise ich dich an unser Team per E-Mail oder Telefon.\n"
            "Wir speichern keinen Chatverlauf. Nur für Rückfragen: Fragen, die ich nicht beantworten konnte, "
            "und weitergeleitete Anliegen, ohne Namen, Telefonnummern oder Adressen. Nach spätestens "
            "90 Tagen löschen wir sie."
        ),
        "en": (
            "This chat runs on a commercial platform, so I only answer general questions here. For personal "
            "matters (health, money, residence, violence, child protection) or personal data I'll point you to "
            "our team by email or phone.\n"
            "We don't keep chat logs. Only for follow-up we keep questions I couldn't answer and requests "
            "passed on to staff, without names, phone numbers or addresses, and delete them after 90 days "
            "at the latest."
        ),
    },
    "language_menu": {
        "de": "Welche Sprache möchtest du? Tippe auf eine Taste oder schreib /language en bzw. /language de.",
        "en": "Which language would you like? Tap a button or send /language de or /language en.",
    },
    "language_set": {
        "de": "Alles klar, ich antworte dir ab jetzt auf Deutsch.",
        "en": "Got it, I'll answer you in English from now on.",
    },
    "language_unknown": {
        "de": "Diese Sprache kann ich leider nicht. Ich spreche Deutsch (de) und Englisch (en).",
        "en": "Sorry, I don't speak that language. I speak German (de) and English (en).",
    },
    "unknown_command": {
        "de": "Diesen Befehl kenne ich nicht. Mit /help siehst du, was ich kann.",
        "en": "I don't know that command. /help shows what I can do.",
    },
    "redirect": {
        "de": (
            "Danke, dass du dich meldest. Darüber sprechen wir lieber persönlich als hier im Chat, "
            "damit deine Daten geschützt sind.\n"
            "📧 {email}\n📞 {phone} ({hours})\n"
            "Nenn uns gern den Code {code}, dann finden wir deine Anfrage schneller."
        ),
        "en": (
            "Thanks for reaching out. We'd rather talk about this in person than here in the chat, "
            "to keep your data safe.\n"
            "📧 {email}\n📞 {phone} ({hours})\n"
            "Feel free to mention the code {code} so we can find your request quickly."
        ),
    },
    "crisis_hint": {
        "de": "Falls es dir gerade richtig schlecht geht oder du in Gefahr bist, hilft dir sofort jemand:\n{lines}",
        "en": "If you're in a really bad place or in danger right now, someone can help straight away:\n{lines}",
    },
    "redirect_public": {
        "de": (
            "Danke! Darüber sprechen wir lieber persönlich – lösch deine Nachricht hier gern wieder. "
            "Ich schreibe dir privat, oder schreib uns an {email}."
        ),
        "en": (
            "Thanks! We'd rather talk about this in person – feel free to delete your message here. "
            "I'll message you privately, or write to us at {email}."
        ),
    },
    "crisis": {
        "de": (
            "Es tut mir leid, dass es dir gerade so schlecht geht. Du bist nicht allein, und es gibt sofort Hilfe, "
            "rund um die Uhr und kostenlos:\n{lines}\n"
            "Wenn du in akuter Gefahr bist, ruf bitte sofort 112 an. Unser Team meldet sich auch bei dir "
            "({email}, {phone}); dein Code: {code}."
        ),
        "en": (
            "I'm so sorry you're going through this. You're not alone, and help is available right now, "
            "day and night, free of charge:\n{lines}\n"
            "If you are in acute danger, please call 112 right away. Our team is there for you too "
            "({email}, {phone}); your code: {code}."
        ),
    },
    # What a member writes in the hour after the crisis reply, when the FAQ cannot answer
    # it: "ich trau mich nicht anzurufen" got FAQ buttons, "ich hab angst" "I don't
    # know". No promise of a call back: after a threat, someone may read their phone.
    "crisis_follow_up": {
        "de": (
            "Ich bin nur ein Bot und kann dir hier leider nicht so antworten, wie du es gerade brauchst. "
            "Bitte ruf eine dieser Nummern an – dort hört dir sofort ein Mensch zu, anonym und kostenlos:\n"
            "{lines}\n{chats}Unser Team erreichst du unter {email} und {phone}; dein Code: {code}."
        ),
        "en": (
            "I'm only a bot and can't answer you here the way you need right now. Please call one of these "
            "numbers – a real person will listen straight away, anonymously and free of charge:\n"
            "{lines}\n{chats}You can reach our team at {email} and {phone}; your code: {code}."
        ),
    },
    "crisis_follow_up_short": {
        "de": (
            "Ich bin weiter hier, so gut ein Bot das kann. Die Nummern oben sind rund um die Uhr für dich da; "
            "dein Code für unser Team: {code}."
        ),
        "en": (
            "I'm still here, as far as a bot can be. The numbers above are there for you day and night; "
            "your code for our team: {code}."
        ),
    },
    "crisis_chats": {
        "de": "Wenn Anrufen gerade zu schwer ist, kannst du auch schreiben:\n{chats}\n",
        "en": "If calling feels too hard right now, you can also write:\n{chats}\n",
    },
    # The crisis is someone else's ("mein Freund will von der Brücke springen"): the
    # member is worried, and needs 112 and the lines for themself, not comfort. Worded
    # so that it still fits if the member meant themself after all.
    "crisis_other": {
        "de": (
            "Das klingt sehr ernst – gut, dass du dich meldest. Wenn jemand gerade in Gefahr ist, ruf bitte "
            "sofort die 112 an, lieber einmal zu oft. Auch wenn du dir Sorgen um jemanden machst, helfen dir "
            "diese Nummern, rund um die Uhr und kostenlos:\n{lines}\n"
            "Unser Team meldet sich auch bei dir ({email}, {phone}); dein Code: {code}."
        ),
        "en": (
            "That sounds really serious – it's good that you reached out. If someone is in danger right now, "
            "please call 112 at once, better once too often. If you're worried about someone, these lines help "
            "you too, day and night, free of charge:\n{lines}\n"
            "Our team is there for you too ({email}, {phone}); your code: {code}."
        ),
    },
    # A body in danger (a fall, a stroke, no air): the one thing to do is call 112.
    "emergency": {
        "de": (
            "Das klingt nach einem Notfall. Ruf bitte sofort die 112 an (Rettungsdienst, rund um die Uhr, "
            "kostenlos). Wenn du nicht selbst telefonieren kannst, bitte jemanden in deiner Nähe darum. "
            "Unser Team bekommt deine Nachricht auch; dein Code: {code}."
        ),
        "en": (
            "This sounds like an emergency. Please call 112 right away (ambulance, day and night, free). "
            "If you can't call yourself, ask someone near you to do it. "
            "Our team gets your message too; your code: {code}."
        ),
    },
    # Someone is hurting or threatening the member right now: the police first, then
    # the violence helpline (24/7, free, anonymous, many languages), then the crisis
    # lines. "Unser Team bekommt …" rather than "meldet sich": a call back can be read
    # by the very person they are afraid of.
    "danger": {
        "de": (
            "Bitte bring dich in Sicherheit, wenn du kannst. Bist du gerade in Gefahr, ruf sofort die Polizei: "
            "110.\n"
            "☎️ 116 016 – Hilfetelefon Gewalt gegen Frauen, rund um die Uhr, kostenlos, anonym, in vielen Sprachen\n"
            "{lines}\n"
            "Unser Team bekommt deine Nachricht auch; dein Code: {code}."
        ),
        "en": (
            "Please get to a safe place if you can. If you are in danger right now, call the police at once: "
            "110.\n"
            "☎️ 116 016 – Violence against women helpline, 24/7, free, anonymous, in many languages\n"
            "{lines}\n"
            "Our team gets your message too; your code: {code}."
        ),
    },
    "suggest": {
        "de": "Meinst du vielleicht eins davon?",
        "en": "Did you mean one of these?",
    },
    # A statement about someone close ("my stepdad comes into my room at night"): it may
    # be personal, so no answer, only buttons (the crisis lines follow, as under all).
    "suggest_personal": {
        "de": (
            "Wenn es um etwas Persönliches geht, schreib uns das bitte nicht hier, sondern per E-Mail oder "
            "ruf an: {email}, {phone} ({hours}). Oder meinst du eins davon?"
        ),
        "en": (
            "If this is about something personal, please don't write it here – email or call us instead: "
            "{email}, {phone} ({hours}). Or did you mean one of these?"
        ),
    },
    # A follow-up ("und muss ich mich anmelden?") asks what the answer before does not say.
    "follow_up_unknown": {
        "de": (
            "Das steht in meiner Antwort leider nicht drin. Ich habe deine Frage notiert – "
            "frag gern direkt bei uns nach: {email}, {phone} ({hours}). Oder tipp unten, dann meldet sich das Team."
        ),
        "en": (
            "Sorry, my answer doesn't say. I've noted your question – feel free to ask us directly: "
            "{email}, {phone} ({hours}). Or tap below and the team will get back to you."
        ),
    },
    # … and the question alone fits another entry ("wo ist das?" after the opening hours).
    "follow_up_other": {
        "de": "Das steht in meiner Antwort leider nicht drin. Meinst du vielleicht das hier?",
        "en": "My answer doesn't say, sorry. Did you mean this?",
    },
    # Something at one of our offers the FAQ does not know ("Gibt es im Jugendclub eine
    # Dusche?"): say so, then offer that offer's entry and the team.
    "unknown_at_place": {
        "de": (
            "Das weiß ich leider nicht genau. Ich habe deine Frage notiert – frag gern direkt bei uns nach: "
            "{email}, {phone} ({hours}). Unten findest du, was ich dazu weiß, oder tipp aufs Team, dann meldet "
            "sich jemand."
        ),
        "en": (
            "Sorry, I don't know that for sure. I've noted your question – feel free to ask us directly: "
            "{email}, {phone} ({hours}). Below is what I do know about it, or tap to pass it on to the team."
        ),
    },
    # The question names another place (bot/places.py): say so, then offer ours.
    "suggest_elsewhere": {
        "de": (
            "Das klingt nach einem anderen Ort – dazu wissen wir leider nichts. "
            "Falls du uns meinst, tipp unten auf eins davon."
        ),
        "en": (
            "That sounds like another place – we can't help with that, sorry. If you mean us, tap one of these below."
        ),
    },
    "suggest_line": {
        "de": "• {title}",
        "en": "• {title}",
    },
    "fallback": {
        "de": (
            "Das weiß ich leider nicht. Ich habe deine Frage notiert, damit wir unsere Antworten verbessern. "
            "Frag gern anders oder wende dich direkt an uns: {email}, {phone} ({hours})."
        ),
        "en": (
            "Sorry, I don't know that one. I've noted your question so we can improve our answers. "
            "Try asking differently or get in touch directly: {email}, {phone} ({hours})."
        ),
    },
    # Said in both languages at once: the member wrote in neither.
    "other_language": {
        "de": (
            "Ich kann leider nur Deutsch und Englisch lesen. Sorry, I can only read German and English.\n"
            "Schreib uns gern / write to us: {email}, {phone} ({hours}). Mit der Taste unten geht deine "
            "Nachricht an unser Team. / The button below passes your message on to our team."
        ),
        "en": (
            "Sorry, I can only read German and English. Ich kann leider nur Deutsch und Englisch lesen.\n"
            "Write to us / schreib uns gern: {email}, {phone} ({hours}). The button below passes your "
            "message on to our team. / Mit der Taste unten geht deine Nachricht an unser Team."
        ),
    },
    "empty": {
        "de": "Ich habe leider keinen Text bekommen. Schreib mir deine Frage gern in einem Satz.",
        "en": "I didn't get any text. Just send me your question in one sentence.",
    },
    "no_words": {
        "de": "Schreib mir deine Frage gern in Worten, zum Beispiel „Wann habt ihr offen?“",
        "en": "Just write me your question in words, for example “When are you open?”",
    },
    "error": {
        "de": "Entschuldige, da ist bei mir gerade etwas schiefgelaufen. Versuch es bitte gleich noch einmal.",
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
    },
    "stale_button": {
        "de": "Diese Taste ist leider nicht mehr aktuell. Stell deine Frage gern noch einmal.",
        "en": "Sorry, that button is out of date. Please ask your question again.",
    },
    "text_only": {
        "de": (
            "Ich kann leider nur Text lesen – keine Bilder, Sprachnachrichten oder Dateien. "
            "Schreib mir deine Frage gern in einem Satz."
        ),
        "en": (
            "Sorry, I can only read text – no pictures, voice messages or files. "
            "Just type your question in one sentence."
        ),
    },
    "flood": {
        "de": (
            "Das sind gerade sehr viele Nachrichten auf einmal. Ich mache kurz Pause – "
            "schreib mir gern in ein paar Minuten wieder."
        ),
        "en": "That's a lot of messages at once. I'll take a short break – feel free to write again in a few minutes.",
    },
    "human_confirm": {
        "de": (
            "Klar! Ich gebe deine Nachricht an unser Team weiter (Code {code}). Jemand meldet sich hier im Chat "
            "bei dir – persönliche Dinge bitte lieber per E-Mail an {email} oder Telefon {phone}."
        ),
        "en": (
            "Sure! I've passed your message on to our team (code {code}). Someone will get back to you here – "
            "for anything personal, please use email {email} or phone {phone}."
        ),
    },
    "handover_button": {"de": "Ans Team weitergeben", "en": "Pass it on to the team"},
    "handover_done": {
        "de": "Danke! Ich habe deine Frage an unser Team gegeben (Code {code}). Wir melden uns hier bei dir.",
        "en": "Thanks! I've passed your question on to our team (code {code}). We'll get back to you here.",
    },
    "relay_header": {"de": "Antwort vom Team ({code}):", "en": "Reply from the team ({code}):"},
    "after_hours": {
        "de": "Unser Team ist gerade nicht im Haus – wir melden uns ab {when}.",
        "en": "Our team isn't in right now – we'll get back to you from {when}.",
    },
    "mydata": {
        "de": "Das ist über dich gespeichert:\n{items}\nMit /forgetme löschen wir alles davon.",
        "en": "This is what we keep about you:\n{items}\nWith /forgetme we delete all of it.",
    },
    "mydata_request": {
        "de": "• Anfrage {code} ({topic}, {date})",
        "en": "• Request {code} ({topic}, {date})",
    },
    "mydata_ticket": {"de": "• Ticket {code}: {status}", "en": "• Ticket {code}: {status}"},
    "mydata_question": {"de": "• Frage vom {date}: {text}", "en": "• Question from {date}: {text}"},
    "mydata_language": {"de": "• Sprache: {chosen}", "en": "• Language: {chosen}"},
    "status_open": {"de": "offen", "en": "open"},
    "status_claimed": {"de": "in Bearbeitung", "en": "being handled"},
    "status_closed": {"de": "erledigt", "en": "closed"},
    "mydata_empty": {
        "de": "Über dich ist nichts gespeichert.",
        "en": "We don't keep anything about you.",
    },
    "forget_ask": {
        "de": "Sollen wir alles löschen, was über dich gespeichert ist (Anfragen, Tickets, offene Fragen)?",
        "en": "Shall we delete everything we keep about you (requests, tickets, open questions)?",
    },
    "forget_yes": {"de": "Ja, alles löschen", "en": "Yes, delete everything"},
    "forget_done": {
        "de": "Erledigt: Wir haben alles gelöscht, was über dich gespeichert war.",
        "en": "Done: we've deleted everything we kept about you.",
    },
    "about_bot": {
        "de": (
            "Ich bin ein Chat-Bot vom {name}, kein Mensch. Ich beantworte allgemeine Fragen, z. B. zu "
            "Öffnungszeiten, Kursen oder der Kita. Wenn du lieber mit jemandem aus dem Team schreiben "
            "möchtest, schreib einfach „mit einem Menschen sprechen“."
        ),
        "en": (
            "I'm a chat bot of {name}, not a person. I answer general questions, e.g. about opening hours, "
            "courses or the Kita. If you'd rather talk to someone from the team, just write “talk to a person”."
        ),
    },
    "how_are_you": {
        "de": "Danke, mir geht's gut! Ich bin der Chat-Bot vom {name}. Was möchtest du wissen?",
        "en": "I'm fine, thanks! I'm the chat bot of {name}. What would you like to know?",
    },
    "languages": {
        "de": (
            "Ich antworte auf Deutsch und Englisch – schreib einfach in einer der beiden Sprachen. "
            "Mit /language legst du fest, in welcher."
        ),
        "en": "I answer in German and English – just write in either. /language sets which one.",
    },
    "greeting": {
        "de": "Hallo! Schön, dass du schreibst. Was möchtest du wissen?",
        "en": "Hi there! Nice to hear from you. What would you like to know?",
    },
    "thanks": {
        "de": "Gern geschehen! Melde dich, wenn du noch etwas wissen möchtest.",
        "en": "You're welcome! Just ask if there's anything else.",
    },
    "not_helped": {
        "de": (
            "Tut mir leid, dass das nicht gepasst hat. Schreib deine Frage gern noch mal mit anderen Worten – "
            "oder tipp unten, dann schreibt dir jemand aus unserem Team."
        ),
        "en": (
            "Sorry that didn't fit. Feel free to ask again in other words – or tap below and someone from our "
            "team will write to you."
        ),
    },
    "human_button": {"de": "Mit dem Team schreiben", "en": "Write to the team"},
    "praise": {
        "de": "Danke, das freut uns sehr! Melde dich, wenn du noch etwas wissen möchtest.",
        "en": "Thank you, that's lovely to hear! Just ask if there's anything else.",
    },
    "goodbye": {
        "de": "Tschüss und bis bald im {name}!",
        "en": "Bye, see you soon at {name}!",
    },
    "acknowledged": {
        "de": "Alles klar! Melde dich, wenn du noch etwas wissen möchtest.",
        "en": "All right! Just ask if there's anything else.",
    },
    "ask_away": {
        "de": "Klar, frag einfach! Was möchtest du wissen?",
        "en": "Sure, go ahead! What would you like to know?",
    },
    "say_more": {
        "de": (
            "Magst du mir ein bisschen mehr schreiben? Zum Beispiel „Wann habt ihr offen?“ oder „Gibt es Deutschkurse?“"
        ),
        "en": "Could you tell me a bit more? For example “When are you open?” or “Do you have German classes?”",
    },
    "button_more": {
        "de": "Mehr: {title}",
        "en": "More: {title}",
    },
}


# The German texts for organisations that address members formally (`bot.address =
# "Sie"`). Only texts that address the member are here; everything else reads the same
# either way. tests/test_texts.py checks that no "du" slips into them.
_FORMAL_GERMAN: dict[str, str] = {
    "start": (
        "Guten Tag! Ich bin der Chat-Bot vom {name}. Fragen Sie mich einfach, z. B. nach Öffnungszeiten, "
        "Kursen oder der Kita.\n\n"
        "Wichtig: Schreiben Sie hier bitte nichts Persönliches (Gesundheit, Geld, Aufenthalt, Probleme zu Hause). "
        "Dafür sind wir per E-Mail oder Telefon für Sie da. /privacy erklärt mehr."
    ),
    "help": (
        "Schreiben Sie mir Ihre Frage in einem Satz, z. B. „Wann haben Sie geöffnet?“ oder „Gibt es Deutschkurse?“.\n"
        "/privacy – was mit Ihren Nachrichten passiert\n"
        "/language – Sprache wählen (Deutsch/English)\n"
        "/mydata – was über Sie gespeichert ist; /forgetme – alles löschen\n"
        "/human – Ihr Anliegen an unser Team weitergeben\n"
        "Persönliches bitte per E-Mail an {email} oder Telefon {phone}."
    ),
    "privacy": (
        "Dieser Chat läuft über eine kommerzielle Plattform. Deshalb beantworte ich hier nur allgemeine "
        "Fragen. Bei persönlichen Themen (Gesundheit, Geld, Aufenthalt, Gewalt, Kinderschutz) oder "
        "persönlichen Daten verweise ich Sie an unser Team per E-Mail oder Telefon.\n"
        "Wir speichern keinen Chatverlauf. Nur für Rückfragen: Fragen, die ich nicht beantworten konnte, "
        "und weitergeleitete Anliegen, ohne Namen, Telefonnummern oder Adressen. Nach spätestens "
        "90 Tagen löschen wir sie."
    ),
    "language_menu": (
        "Welche Sprache möchten Sie? Tippen Sie auf eine Taste oder schreiben Sie /language en bzw. /language de."
    ),
    "language_set": "Alles klar, ich antworte Ihnen ab jetzt auf Deutsch.",
    "unknown_command": "Diesen Befehl kenne ich nicht. Mit /help sehen Sie, was ich kann.",
    "redirect": (
        "Danke, dass Sie sich melden. Darüber sprechen wir lieber persönlich als hier im Chat, "
        "damit Ihre Daten geschützt sind.\n"
        "📧 {email}\n📞 {phone} ({hours})\n"
        "Nennen Sie uns gern den Code {code}, dann finden wir Ihre Anfrage schneller."
    ),
    "crisis_hint": (
        "Falls es Ihnen gerade richtig schlecht geht oder Sie in Gefahr sind, hilft Ihnen sofort jemand:\n{lines}"
    ),
    "redirect_public": (
        "Danke! Darüber sprechen wir lieber persönlich – löschen Sie Ihre Nachricht hier gern wieder. "
        "Ich schreibe Ihnen privat, oder schreiben Sie uns an {email}."
    ),
    "crisis": (
        "Es tut mir leid, dass es Ihnen gerade so schlecht geht. Sie sind nicht allein, und es gibt sofort Hilfe, "
        "rund um die Uhr und kostenlos:\n{lines}\n"
        "Wenn Sie in akuter Gefahr sind, rufen Sie bitte sofort 112 an. Unser Team meldet sich auch bei Ihnen "
        "({email}, {phone}); Ihr Code: {code}."
    ),
    "crisis_follow_up": (
        "Ich bin nur ein Bot und kann Ihnen hier leider nicht so antworten, wie Sie es gerade brauchen. "
        "Bitte rufen Sie eine dieser Nummern an – dort hört Ihnen sofort ein Mensch zu, anonym und kostenlos:\n"
        "{lines}\n{chats}Unser Team erreichen Sie unter {email} und {phone}; Ihr Code: {code}."
    ),
    "crisis_follow_up_short": (
        "Ich bin weiter hier, so gut ein Bot das kann. Die Nummern oben sind rund um die Uhr für Sie da; "
        "Ihr Code für unser Team: {code}."
    ),
    "crisis_chats": "Wenn Anrufen gerade zu schwer ist, können Sie auch schreiben:\n{chats}\n",
    "crisis_other": (
        "Das klingt sehr ernst – gut, dass Sie sich melden. Wenn jemand gerade in Gefahr ist, rufen Sie bitte "
        "sofort die 112 an, lieber einmal zu oft. Auch wenn Sie sich Sorgen um jemanden machen, helfen Ihnen "
        "diese Nummern, rund um die Uhr und kostenlos:\n{lines}\n"
        "Unser Team meldet sich auch bei Ihnen ({email}, {phone}); Ihr Code: {code}."
    ),
    "emergency": (
        "Das klingt nach einem Notfall. Rufen Sie bitte sofort die 112 an (Rettungsdienst, rund um die Uhr, "
        "kostenlos). Wenn Sie nicht selbst telefonieren können, bitten Sie jemanden in Ihrer Nähe darum. "
        "Unser Team bekommt Ihre Nachricht auch; Ihr Code: {code}."
    ),
    "danger": (
        "Bitte bringen Sie sich in Sicherheit, wenn Sie können. Sind Sie gerade in Gefahr, rufen Sie sofort "
        "die Polizei: 110.\n"
        "☎️ 116 016 – Hilfetelefon Gewalt gegen Frauen, rund um die Uhr, kostenlos, anonym, in vielen Sprachen\n"
        "{lines}\n"
        "Unser Team bekommt Ihre Nachricht auch; Ihr Code: {code}."
    ),
    "suggest": "Meinen Sie vielleicht eins davon?",
    "suggest_personal": (
        "Wenn es um etwas Persönliches geht, schreiben Sie uns das bitte nicht hier, sondern per E-Mail oder "
        "rufen Sie an: {email}, {phone} ({hours}). Oder meinen Sie eins davon?"
    ),
    "follow_up_unknown": (
        "Das steht in meiner Antwort leider nicht drin. Ich habe Ihre Frage notiert – "
        "fragen Sie gern direkt bei uns nach: {email}, {phone} ({hours}). Oder tippen Sie unten, dann meldet sich "
        "das Team."
    ),
    "follow_up_other": "Das steht in meiner Antwort leider nicht drin. Meinen Sie vielleicht das hier?",
    "unknown_at_place": (
        "Das weiß ich leider nicht genau. Ich habe Ihre Frage notiert – fragen Sie gern direkt bei uns nach: "
        "{email}, {phone} ({hours}). Unten finden Sie, was ich dazu weiß, oder tippen Sie aufs Team, dann "
        "meldet sich jemand."
    ),
    "suggest_elsewhere": (
        "Das klingt nach einem anderen Ort – dazu wissen wir leider nichts. "
        "Falls Sie uns meinen, tippen Sie unten auf eins davon."
    ),
    "fallback": (
        "Das weiß ich leider nicht. Ich habe Ihre Frage notiert, damit wir unsere Antworten verbessern. "
        "Fragen Sie gern anders oder wenden Sie sich direkt an uns: {email}, {phone} ({hours})."
    ),
    "other_language": (
        "Ich kann leider nur Deutsch und Englisch lesen. Sorry, I can only read German and English.\n"
        "Schreiben Sie uns gern / write to us: {email}, {phone} ({hours}). Mit der Taste unten geht Ihre "
        "Nachricht an unser Team. / The button below passes your message on to our team."
    ),
    "empty": "Ich habe leider keinen Text bekommen. Schreiben Sie mir Ihre Frage gern in einem Satz.",
    "no_words": "Schreiben Sie mir Ihre Frage gern in Worten, zum Beispiel „Wann haben Sie geöffnet?“",
    "error": ("Entschuldigung, da ist bei mir gerade etwas schiefgelaufen. Versuchen Sie es bitte gleich noch einmal."),
    "stale_button": "Diese Taste ist leider nicht mehr aktuell. Stellen Sie Ihre Frage gern noch einmal.",
    "text_only": (
        "Ich kann leider nur Text lesen – keine Bilder, Sprachnachrichten oder Dateien. "
        "Schreiben Sie mir Ihre Frage gern in einem Satz."
    ),
    "flood": (
        "Das sind gerade sehr viele Nachrichten auf einmal. Ich mache kurz Pause – "
        "schreiben Sie mir gern in ein paar Minuten wieder."
    ),
    "human_confirm": (
        "Gern! Ich gebe Ihre Nachricht an unser Team weiter (Code {code}). Jemand meldet sich hier im Chat "
        "bei Ihnen – persönliche Dinge bitte lieber per E-Mail an {email} oder Telefon {phone}."
    ),
    "handover_done": ("Danke! Ich habe Ihre Frage an unser Team gegeben (Code {code}). Wir melden uns hier bei Ihnen."),
    "mydata": "Das ist über Sie gespeichert:\n{items}\nMit /forgetme löschen wir alles davon.",
    "mydata_empty": "Über Sie ist nichts gespeichert.",
    "forget_ask": "Sollen wir alles löschen, was über Sie gespeichert ist (Anfragen, Tickets, offene Fragen)?",
    "forget_done": "Erledigt: Wir haben alles gelöscht, was über Sie gespeichert war.",
    "about_bot": (
        "Ich bin ein Chat-Bot vom {name}, kein Mensch. Ich beantworte allgemeine Fragen, z. B. zu "
        "Öffnungszeiten, Kursen oder der Kita. Wenn Sie lieber mit jemandem aus dem Team schreiben "
        "möchten, schreiben Sie einfach „mit einem Menschen sprechen“."
    ),
    "how_are_you": "Danke, mir geht's gut! Ich bin der Chat-Bot vom {name}. Was möchten Sie wissen?",
    "languages": (
        "Ich antworte auf Deutsch und Englisch – schreiben Sie einfach in einer der beiden Sprachen. "
        "Mit /language legen Sie fest, in welcher."
    ),
    "greeting": "Guten Tag! Schön, dass Sie schreiben. Was möchten Sie wissen?",
    "goodbye": "Auf Wiedersehen und bis bald im {name}!",
    "thanks": "Gern geschehen! Melden Sie sich, wenn Sie noch etwas wissen möchten.",
    "not_helped": (
        "Tut mir leid, dass das nicht gepasst hat. Schreiben Sie Ihre Frage gern noch einmal mit anderen Worten – "
        "oder tippen Sie unten, dann schreibt Ihnen jemand aus unserem Team."
    ),
    "praise": "Vielen Dank, das freut uns sehr! Melden Sie sich, wenn Sie noch etwas wissen möchten.",
    "acknowledged": "Alles klar! Melden Sie sich, wenn Sie noch etwas wissen möchten.",
    "ask_away": "Gern, fragen Sie einfach! Was möchten Sie wissen?",
    "say_more": (
        "Können Sie mir etwas mehr schreiben? Zum Beispiel „Wann haben Sie geöffnet?“ oder „Gibt es Deutschkurse?“"
    ),
}


# The built-in privacy topics (bot/data/sensitive_default.yml) as members read them in /mydata.
_TOPIC_LABELS: dict[str, dict[str, str]] = {
    "crisis": {"de": "Krise", "en": "crisis"},
    "emergency": {"de": "Notfall", "en": "emergency"},
    "danger": {"de": "akute Gefahr", "en": "acute danger"},
    "health": {"de": "Gesundheit", "en": "health"},
    "money": {"de": "Geld", "en": "money"},
    "legal": {"de": "Recht und Aufenthalt", "en": "legal matters"},
    "violence": {"de": "Gewalt und Kinderschutz", "en": "violence and child welfare"},
    "pregnancy": {"de": "Schwangerschaft", "en": "pregnancy"},
    "identity": {"de": "sexuelle und geschlechtliche Identität", "en": "sexual orientation and gender identity"},
    "addiction": {"de": "Sucht", "en": "addiction"},
    "personal-data": {"de": "persönliche Daten", "en": "personal data"},
    "unchecked": {"de": "persönlich", "en": "personal"},
    "human": {"de": "Gespräch mit dem Team", "en": "talk to the team"},
    "handover": {"de": "an das Team weitergegeben", "en": "passed on to the team"},
}


# What staff read: cards in the staff channel and the bot's answers to staff commands,
# in `staff.language`.
_STAFF_TEXTS: dict[str, dict[str, str]] = {
    "kind_redirect": {"de": "Persönliches Anliegen", "en": "Personal matter"},
    "kind_crisis": {"de": "KRISE", "en": "CRISIS"},
    "kind_human": {"de": "Möchte mit einem Menschen sprechen", "en": "Wants to talk to a person"},
    "kind_unanswered": {"de": "Unbeantwortete Frage", "en": "Unanswered question"},
    "urgent": {"de": "🆘 DRINGEND – ", "en": "🆘 URGENT – "},
    "reminder": {"de": "⏰ Noch offen: ", "en": "⏰ Still open: "},
    "card_meta": {"de": "Thema: {topic} · {platform} · {when}", "en": "Topic: {topic} · {platform} · {when}"},
    "card_text_not_stored": {
        "de": "(Text wird laut Einstellung nicht gespeichert)",
        "en": "(the text is not stored, as configured)",
    },
    "card_howto": {
        "de": "Antworten: auf diese Nachricht antworten oder /reply {code} <Text>",
        "en": "To answer: reply to this message or /reply {code} <text>",
    },
    "card_deleted": {
        "de": "{code}: gelöscht (Datenschutz: auf Wunsch des Mitglieds oder nach Ablauf der Frist).",
        "en": "{code}: deleted (data protection: at the member's request or after the retention period).",
    },
    "claim_button": {"de": "Übernehmen", "en": "Claim"},
    "close_button": {"de": "Schließen", "en": "Close"},
    "not_allowed": {"de": "Das geht leider nicht.", "en": "Sorry, that is for staff only."},
    "no_such_ticket": {
        "de": "Ticket {code} gibt es nicht oder es ist schon geschlossen.",
        "en": "There is no open ticket {code}.",
    },
    "claimed": {"de": "Ticket {code} übernommen von {who}.", "en": "Ticket {code} claimed by {who}."},
    "closed": {"de": "Ticket {code} geschlossen von {who}.", "en": "Ticket {code} closed by {who}."},
    "no_open_tickets": {"de": "Keine offenen Tickets. 🎉", "en": "No open tickets. 🎉"},
    "open_tickets": {"de": "Offene Tickets (älteste zuerst):", "en": "Open tickets (oldest first):"},
    "claimed_by": {"de": "übernommen von {who}", "en": "claimed by {who}"},
    "open": {"de": "offen", "en": "open"},
    "reply_usage": {
        "de": "So geht's: /reply KB-XXXX <Antwort> (oder auf die Karte antworten).",
        "en": "Like this: /reply KB-XXXX <answer> (or reply to the card).",
    },
    "already_closed": {"de": "Ticket {code} ist schon geschlossen.", "en": "Ticket {code} is already closed."},
    "reply_sent": {"de": "Antwort an {code} ist unterwegs.", "en": "Your reply to {code} is on its way."},
}


def staff_text(key: str, language: str, **values: str) -> str:
    """A text for staff in `language` ("de" or "en")."""
    variants = _STAFF_TEXTS[key]
    return variants.get(language, variants["de"]).format(**values)


def topic_label(topic: str, language: str) -> str:
    """A privacy topic as people read it; topics an organisation added keep their id."""
    return _TOPIC_LABELS.get(topic, {}).get(language, topic)


class Texts:
    """Looks up a text in a language and fills in the organisation's details."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self.languages = config.bot.languages
        self.default_language = config.bot.default_language

    @property
    def staff_language(self) -> str:
        return self._config.staff.language

    def in_each(self, language: str, all_of_ours: bool, write: Callable[[str], str]) -> str:
        """`write(language)` for the member's language, or, for a message in another one
        ("ölmek istiyorum"), for that one first and then each of the bot's others."""
        shown = [language, *(other for other in self.languages if other != language)] if all_of_ours else [language]
        return "\n\n".join(write(each) for each in shown)

    def language(self, wanted: str | None) -> str:
        return wanted if wanted in ("de", "en") and wanted in self.languages else self.default_language

    def get(self, key: str, language: str, **values: str) -> str:
        variants = _TEXTS[key]
        template = (
            variants.get(language) or variants[self.default_language if self.default_language in variants else "de"]
        )
        if language == "de" and self._config.bot.address == "Sie":
            template = _FORMAL_GERMAN.get(key, template)
        contact = self._config.contact
        return template.format(
            name=self._config.bot.name,
            email=contact.email,
            phone=contact.phone,
            hours=contact.office_hours.get(language),
            **values,
        )

    def topic(self, topic: str, language: str) -> str:
        """A privacy topic as members read it; topics an organisation added keep their id."""
        return topic_label(topic, language)

    def crisis_lines(self, language: str, limit: int | None = None, young: bool = False) -> str:
        """The crisis lines, one per row; for a young member, the lines for the young right after the first."""
        lines = self._config.crisis.lines
        if young:
            first, rest = lines[:1], lines[1:]
            lines = (*first, *(line for line in rest if line.young), *(line for line in rest if not line.young))
        return "\n".join(f"☎️ {line.number} – {line.label.get(language)}" for line in lines[:limit])

    def crisis_chats(self, language: str) -> str:
        """Where to write instead of calling, as a paragraph; empty if none is configured."""
        chats = self._config.crisis.chats
        if not chats:
            return ""
        listed = "\n".join(f"💬 {chat.address} – {chat.label.get(language)}" for chat in chats)
        return self.get("crisis_chats", language, chats=listed)

    def with_crisis_hint(self, text: str, language: str, young: bool = False) -> str:
        """`text` plus the first crisis lines: a safety net for the crisis the rules missed."""
        count = self._config.crisis.hint_lines
        if not count:
            return text
        return f"{text}\n\n{self.get('crisis_hint', language, lines=self.crisis_lines(language, count, young))}"
