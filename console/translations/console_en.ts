<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BansPane</name>
    <message numerus="yes">
        <source>Bans · %n this show · ↑/↓ select · Unban (Delete) lifts one</source>
        <translation>
            <numerusform>Bans · %n this show · ↑/↓ select · Unban (Delete) lifts one</numerusform>
            <numerusform>Bans · %n this show · ↑/↓ select · Unban (Delete) lifts one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BarrageDock</name>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation>
            <numerusform>%n new ↓</numerusform>
            <numerusform>%n new ↓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review queue · %n held · ↑/↓ select</source>
        <translation>
            <numerusform>Review queue · %n held · ↑/↓ select</numerusform>
            <numerusform>Review queue · %n held · ↑/↓ select</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BlockedPane</name>
    <message numerus="yes">
        <source>Blocked · %n kept · ↑/↓ select · Release lets a false alarm through</source>
        <translation>
            <numerusform>Blocked · %n kept · ↑/↓ select · Release lets a false alarm through</numerusform>
            <numerusform>Blocked · %n kept · ↑/↓ select · Release lets a false alarm through</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message numerus="yes">
        <source> (%n false alarm(s))</source>
        <translation>
            <numerusform> (%n false alarm)</numerusform>
            <numerusform> (%n false alarms)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserPanel</name>
    <message numerus="yes">
        <source>{who}{banned} · %n recent</source>
        <translation>
            <numerusform>{who}{banned} · %n recent</numerusform>
            <numerusform>{who}{banned} · %n recent</numerusform>
        </translation>
    </message>
</context>
</TS>
