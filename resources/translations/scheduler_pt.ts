<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_PT" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>There is no clinic database at {where}.

If it is on a drive or a network folder, connect it and start the scheduler again.</source>
        <extracomment>Opens the database with a password (&quot;&quot; for none), creating a clinic when told to. Started once the clinic file has passed its full check (they write to it). What the workers talk to: the window of the moment (see `_Forward`).</extracomment>
        <translation>Não há nenhuma base de dados da clínica em {where}.

Se estiver num disco ou numa pasta de rede, ligue-o e volte a abrir a agenda.</translation>
    </message>
    <message>
        <source>There is no clinic yet in {where}.</source>
        <translation>Ainda não há nenhuma clínica em {where}.</translation>
    </message>
    <message>
        <source>Create a new clinic?</source>
        <translation>Criar uma clínica nova?</translation>
    </message>
    <message>
        <source>Create a new clinic at {where}?</source>
        <translation>Criar uma clínica nova em {where}?</translation>
    </message>
    <message>
        <source>Database damaged</source>
        <translation>Base de dados danificada</translation>
    </message>
    <message>
        <source>Backed up to {where}.</source>
        <translation>Cópia de segurança guardada em {where}.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <source>Something went wrong inside the scheduler. Your appointments are safe: every change is saved in one step or not at all.</source>
        <translation>Algo correu mal dentro da agenda. As suas marcações estão seguras: cada alteração é guardada de uma só vez ou não é guardada.</translation>
    </message>
    <message>
        <source>Details are in the log: {file}</source>
        <translation>Os pormenores estão no registo: {file}</translation>
    </message>
</context>
<context>
    <name>AppointmentTable</name>
    <message>
        <source>Time</source>
        <extracomment>Text of rows that no longer hold time (cancelled, completed...): quieter than the rest, still at least 4.5:1 on every status colour. Role returning the `AppointmentView` of a row. Role the List tab sorts by (the start time, not its text, for the time column).</extracomment>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Client: {name} {phone}</source>
        <translation>Cliente: {name} {phone}</translation>
    </message>
    <message>
        <source>Professional: {name}</source>
        <translation>Profissional: {name}</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>Título: {title}</translation>
    </message>
    <message>
        <source>Service: {name}</source>
        <translation>Serviço: {name}</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>Notas: {notes}</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>Cancelada: {reason}</translation>
    </message>
    <message>
        <source>Late cancellation</source>
        <translation>Cancelamento tardio</translation>
    </message>
    <message>
        <source>Booked outside working hours: {reason}</source>
        <translation>Marcada fora do horário de trabalho: {reason}</translation>
    </message>
</context>
<context>
    <name>AssignMenu</name>
    <message>
        <source>Checking who can take it...</source>
        <extracomment>Assigns the appointment to a professional (None: nobody).</extracomment>
        <translation>A verificar quem pode atender...</translation>
    </message>
    <message>
        <source>{name} — {reason}</source>
        <translation>{name} — {reason}</translation>
    </message>
    <message>
        <source>busy {span} with {client}</source>
        <translation>tem marcação {span} com {client}</translation>
    </message>
    <message>
        <source>busy {span}</source>
        <translation>tem marcação {span}</translation>
    </message>
    <message>
        <source>does not work then</source>
        <translation>não trabalha a essa hora</translation>
    </message>
    <message>
        <source> until {day} {time}</source>
        <translation> até {day} {time}</translation>
    </message>
    <message>
        <source>away ({reason}){until}</source>
        <translation>ausente ({reason}){until}</translation>
    </message>
    <message>
        <source>away{until}</source>
        <translation>ausente{until}</translation>
    </message>
    <message>
        <source>the clinic is closed ({holiday})</source>
        <translation>a clínica está fechada ({holiday})</translation>
    </message>
    <message>
        <source>the clinic is closed then</source>
        <translation>a clínica está fechada a essa hora</translation>
    </message>
    <message>
        <source>needed for the appointments without a professional</source>
        <translation>necessário para as marcações sem profissional</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Audit trail</source>
        <translation>Registo de auditoria</translation>
    </message>
    <message>
        <source>History of appointment {id}</source>
        <translation>Histórico da marcação {id}</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualquer</translation>
    </message>
    <message>
        <source>Appointment number</source>
        <translation>Número da marcação</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Membro da equipa</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>Exportar CSV...</translation>
    </message>
    <message>
        <source>Appointment:</source>
        <translation>Marcação:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation>Equipa:</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Ação:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Até:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Equipa</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registo</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Depois</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>qualquer pessoa</translation>
    </message>
    <message>
        <source>{count} entries, newest first.</source>
        <translation>{count} entradas, as mais recentes primeiro.</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exportar o registo de auditoria</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Ficheiros CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {file}.</source>
        <translation>Exportado para {file}.</translation>
    </message>
    <message>
        <source>status: {status}</source>
        <translation>estado: {status}</translation>
    </message>
    <message>
        <source>added</source>
        <translation>adicionado</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>alterado</translation>
    </message>
    <message>
        <source>details changed</source>
        <translation>detalhes alterados</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>marcada</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>movida</translation>
    </message>
    <message>
        <source>rescheduled</source>
        <translation>remarcada</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>sem profissional</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>arquivado</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>reposto</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removido</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importado</translation>
    </message>
    <message>
        <source>record opened</source>
        <translation>ficha aberta</translation>
    </message>
    <message>
        <source>working time</source>
        <translation>horário de trabalho</translation>
    </message>
    <message>
        <source>sent again</source>
        <translation>reenviada</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>all withdrawn</source>
        <translation>todas retiradas</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>entrou</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>palavra-passe errada</translation>
    </message>
    <message>
        <source>locked out</source>
        <translation>bloqueada</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>desbloqueada</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>função alterada</translation>
    </message>
    <message>
        <source>room changed</source>
        <translation>sala alterada</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>ativada</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desativada</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>palavra-passe reposta</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>palavra-passe alterada</translation>
    </message>
    <message>
        <source>administrator created</source>
        <translation>administrador criado</translation>
    </message>
    <message>
        <source>professional linked</source>
        <translation>profissional associado</translation>
    </message>
    <message>
        <source>sign-in settings</source>
        <translation>definições de entrada</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>marcação</translation>
    </message>
    <message>
        <source>client</source>
        <translation>cliente</translation>
    </message>
    <message>
        <source>professional</source>
        <translation>profissional</translation>
    </message>
    <message>
        <source>service</source>
        <translation>serviço</translation>
    </message>
    <message>
        <source>staff account</source>
        <translation>conta da equipa</translation>
    </message>
    <message>
        <source>clinic</source>
        <translation>clínica</translation>
    </message>
    <message>
        <source>message</source>
        <translation>mensagem</translation>
    </message>
    <message>
        <source>time off</source>
        <translation>ausência</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Cópias de segurança</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Fazer cópia agora</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>Repor...</translation>
    </message>
    <message>
        <source>This desk uses a shared database server: it is backed up on the server, on a schedule, by whoever looks after it.</source>
        <translation>Este posto usa um servidor de base de dados partilhado: as cópias de segurança são feitas no servidor, com regularidade, por quem o gere.</translation>
    </message>
    <message>
        <source>The clinic&apos;s file {file} is backed up every day while the scheduler runs, each copy checked; the last 7 days and 4 weeks are kept in {folder}.</source>
        <translation>O ficheiro da clínica {file} é copiado todos os dias enquanto a agenda está aberta, e cada cópia é verificada; os últimos 7 dias e 4 semanas ficam guardados em {folder}.</translation>
    </message>
    <message>
        <source>Backed up and checked: {file}</source>
        <translation>Cópia feita e verificada: {file}</translation>
    </message>
    <message>
        <source>Restore it anyway?</source>
        <translation>Repor mesmo assim?</translation>
    </message>
    <message>
        <source>Another clinic&apos;s backup</source>
        <translation>Cópia de outra clínica</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Repor esta cópia?</translation>
    </message>
    <message>
        <source>Restore the backup taken {when}?

Changes made since then are not in it. The current file is kept beside it, and the scheduler closes once the backup is in place: open it again to continue with the restored schedule.</source>
        <translation>Repor a cópia feita em {when}?

As alterações feitas depois não estão nela. O ficheiro atual fica guardado ao lado, e a agenda fecha quando a cópia estiver no lugar: abra-a de novo para continuar com a agenda reposta.</translation>
    </message>
    <message>
        <source>The scheduler closes now.</source>
        <translation>A agenda vai fechar agora.</translation>
    </message>
    <message>
        <source>{backup} is restored in {file}.</source>
        <translation>{backup} foi reposta em {file}.</translation>
    </message>
    <message>
        <source>The file it replaced is kept as {file}.</source>
        <translation>O ficheiro substituído fica guardado como {file}.</translation>
    </message>
    <message>
        <source>The scheduler closes now: open it again to continue.</source>
        <translation>A agenda vai fechar agora: abra-a de novo para continuar.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Cópia reposta</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Book appointment</source>
        <extracomment>What the time and length show until the clinic&apos;s own defaults are read. Books a request through the services (raises `SchedulerError` when refused).</extracomment>
        <translation>Nova marcação</translation>
    </message>
    <message>
        <source>Start time</source>
        <extracomment>What &quot;Find a time...&quot; does (set by the desk). What &quot;Repeat...&quot; does (set by the desk): the series dialog, then its report. What the dialog offers, once read on the worker (None meanwhile).</extracomment>
        <translation>Hora de início</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>No service: type one to choose it</source>
        <translation>Sem serviço: escreva um para o escolher</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>Sem serviço</translation>
    </message>
    <message>
        <source>{name} ({minutes} min)</source>
        <translation>{name} ({minutes} min)</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Any free one the service needs</source>
        <translation>Qualquer livre de que o serviço precise</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name} ({kind})</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilidade</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Com</translation>
    </message>
    <message>
        <source>Other professionals taking part: the appointment shows in each of their columns and moves as one (Space ticks one)</source>
        <translation>Outros profissionais que participam: a marcação aparece na coluna de cada um e move-se como uma só (Espaço assinala um)</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>O que falta</translation>
    </message>
    <message>
        <source>Book &amp;anyway</source>
        <translation>Marcar &amp;mesmo assim</translation>
    </message>
    <message>
        <source>Book past the clinic&apos;s rules or outside working hours; the reason is kept in the audit trail</source>
        <translation>Marcar contra as regras da clínica ou fora do horário; o motivo fica no registo de auditoria</translation>
    </message>
    <message>
        <source>Why book it anyway (required)</source>
        <translation>Porque marcar mesmo assim (obrigatório)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Start ({day})</source>
        <translation>Início ({day})</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Marcar</translation>
    </message>
    <message>
        <source>&amp;Find a time...</source>
        <translation>&amp;Procurar horário...</translation>
    </message>
    <message>
        <source>The next free times for this service, professional and client (Alt+F)</source>
        <translation>Os próximos horários livres para este serviço, profissional e cliente (Alt+P)</translation>
    </message>
    <message>
        <source>&amp;Repeat...</source>
        <translation>&amp;Repetir...</translation>
    </message>
    <message>
        <source>Book it on several dates: a series (Alt+R)</source>
        <translation>Marcar em várias datas: uma série (Alt+R)</translation>
    </message>
    <message>
        <source>A series is booked with one professional: untick “With” to repeat it.</source>
        <translation>Uma série é marcada com um só profissional: desmarque “Com” para a repetir.</translation>
    </message>
    <message>
        <source>No service is called “{text}”.</source>
        <translation>Nenhum serviço se chama “{text}”.</translation>
    </message>
    <message>
        <source>Several services match “{text}”: choose one.</source>
        <translation>Vários serviços correspondem a “{text}”: escolha um.</translation>
    </message>
    <message>
        <source>That time has already passed. Choose a time still to come.</source>
        <translation>Essa hora já passou. Escolha uma hora que ainda esteja para vir.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>A verificar…</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>Choose the client, or “No client (walk-in / block)”.</source>
        <translation>Escolha o cliente, ou “Sem cliente (sem marcação / bloqueio)”.</translation>
    </message>
    <message>
        <source>Give the reason for booking it anyway.</source>
        <translation>Indique o motivo para marcar mesmo assim.</translation>
    </message>
</context>
<context>
    <name>Buttons</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>{status}, conflict</source>
        <extracomment>Dashed while the change is being saved (the server has not answered yet). An appointment set aside by an open conflict (no professional can take it). Before the time of an appointment that is one date of a series.</extracomment>
        <translation>{status}, conflito</translation>
    </message>
    <message>
        <source>{status}, outside hours</source>
        <translation>{status}, fora do horário</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>A guardar…</translation>
    </message>
    <message>
        <source>with {names}</source>
        <translation>com {names}</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>Título: {title}</translation>
    </message>
    <message>
        <source>Room: {names}</source>
        <translation>Sala: {names}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Estado: {status}</translation>
    </message>
    <message>
        <source>Professional: {name}</source>
        <translation>Profissional: {name}</translation>
    </message>
    <message>
        <source>Priority: {priority}</source>
        <translation>Prioridade: {priority}</translation>
    </message>
    <message>
        <source>{mark} One date of a series</source>
        <translation>{mark} Uma data de uma série</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>Telefone: {phone}</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>Notas: {notes}</translation>
    </message>
    <message>
        <source>Booked outside working hours: {reason}</source>
        <translation>Marcada fora do horário de trabalho: {reason}</translation>
    </message>
    <message>
        <source>Open conflict: no professional can take it since a manager&apos;s forced change. Give it a professional or another time.</source>
        <translation>Conflito em aberto: nenhum profissional a pode atender desde uma alteração forçada por um gestor. Atribua-lhe um profissional ou outra hora.</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>marcação</translation>
    </message>
    <message>
        <source>one date of a series</source>
        <translation>uma data de uma série</translation>
    </message>
    <message>
        <source>has notes</source>
        <translation>tem notas</translation>
    </message>
    <message>
        <source>open conflict</source>
        <translation>conflito em aberto</translation>
    </message>
    <message>
        <source>outside working hours</source>
        <translation>fora do horário de trabalho</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baixa</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <source>Free: {day} {times}, {who}</source>
        <extracomment>(appointment as shown, where it goes)</extracomment>
        <translation>Livre: {day} {times}, {who}</translation>
    </message>
    <message>
        <source>Free: all {count} appointments fit there.</source>
        <translation>Livre: as {count} marcações cabem aí.</translation>
    </message>
    <message>
        <source>Several appointments move together in time only here; drag one at a time to another room.</source>
        <translation>Aqui várias marcações só se movem juntas no tempo; arraste uma de cada vez para outra sala.</translation>
    </message>
    <message>
        <source>The appointments would leave the calendar: move them less far.</source>
        <translation>As marcações sairiam do calendário: mova-as menos.</translation>
    </message>
    <message>
        <source>This appointment holds no room: book it in a room to place it in one.</source>
        <translation>Esta marcação não ocupa nenhuma sala: marque-a numa sala para a colocar numa.</translation>
    </message>
    <message>
        <source>An appointment in a room goes to another room, not to none.</source>
        <translation>Uma marcação numa sala vai para outra sala, não para nenhuma.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <extracomment>check(start, end, professional_id, appointment_id) -&gt; Availability check several moves made together -&gt; Availability check_room(start, end, room_id, appointment_id) -&gt; Availability The times a block shows while a drag or a save is on its way (None: its own). Where a block was dropped: (column key, day), its rect, its times, the version then. appointment, start, end, (the room it leaves, the room it goes to) Appointments whose change is on its way to the server (marked &quot;saving...&quot;). Saved blocks waiting for their new place to be read: where they were dropped. Why nobody can be booked at some times of the period shown (loaded with it).</extracomment>
        <translation>Calendário</translation>
    </message>
    <message>
        <source>nothing booked</source>
        <translation>nada marcado</translation>
    </message>
    <message>
        <source>{who}, {day} {time}: {what}</source>
        <translation>{who}, {day} {time}: {what}</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sem profissional</translation>
    </message>
    <message>
        <source>Week {number}: {first} - {last}</source>
        <translation>Semana {number}: {first} - {last}</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel appointment</source>
        <translation>Cancelar marcação</translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation>{day} às {time}</translation>
    </message>
    <message>
        <source>Cancel {client}&apos;s appointment on {when}?</source>
        <translation>Cancelar a marcação de {client} de {when}?</translation>
    </message>
    <message>
        <source>Cancel the appointment on {when}?</source>
        <translation>Cancelar a marcação de {when}?</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Motivo do cancelamento</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motivo (opcional)</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Manter</translation>
    </message>
    <message>
        <source>&amp;Only this one</source>
        <extracomment>For an appointment of a series: which of its dates (None: a single one).</extracomment>
        <translation>&amp;Só esta</translation>
    </message>
    <message>
        <source>This and the &amp;following ones</source>
        <translation>Esta e as se&amp;guintes</translation>
    </message>
    <message>
        <source>&amp;All of the series still to come</source>
        <translation>&amp;Todas as que faltam da série</translation>
    </message>
</context>
<context>
    <name>ClientClash</name>
    <message>
        <source>{client} already has an appointment at {span} with {professional}.</source>
        <translation>{client} já tem uma marcação às {span} com {professional}.</translation>
    </message>
    <message>
        <source>{client} already has an appointment at {span}.</source>
        <translation>{client} já tem uma marcação às {span}.</translation>
    </message>
    <message>
        <source>({count} appointments at that time.)</source>
        <translation>({count} marcações a essa hora.)</translation>
    </message>
    <message>
        <source>Keep both?</source>
        <translation>Manter as duas?</translation>
    </message>
    <message>
        <source>Book both?</source>
        <translation>Marcar as duas?</translation>
    </message>
    <message>
        <source>Client already booked</source>
        <translation>Cliente já marcado</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Manter as duas</translation>
    </message>
    <message>
        <source>Book both</source>
        <translation>Marcar as duas</translation>
    </message>
    <message>
        <source>Put it back</source>
        <translation>Repor onde estava</translation>
    </message>
    <message>
        <source>Don&apos;t book</source>
        <translation>Não marcar</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Não se sabe</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data de nascimento</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Reminders by</source>
        <translation>Lembretes por</translation>
    </message>
    <message>
        <source>Agrees to be reminded</source>
        <translation>Aceita receber lembretes</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>Name, phone or e-mail</source>
        <extracomment>The list row meaning &quot;no client&quot; (a walk-in, or time blocked off).</extracomment>
        <translation>Nome, telefone ou e-mail</translation>
    </message>
    <message>
        <source>Find client</source>
        <translation>Procurar cliente</translation>
    </message>
    <message>
        <source>New client...</source>
        <translation>Novo cliente...</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Novo cliente</translation>
    </message>
    <message>
        <source>Matching clients</source>
        <translation>Clientes encontrados</translation>
    </message>
    <message>
        <source>No client (walk-in / block)</source>
        <extracomment>The client to show chosen when the search answers (`choose`).</extracomment>
        <translation>Sem cliente (sem marcação / bloqueio)</translation>
    </message>
    <message>
        <source>The server cannot be reached; trying again…</source>
        <translation>Servidor inacessível; a tentar de novo…</translation>
    </message>
    <message>
        <source>The server cannot be reached: the list fills in when it answers again.</source>
        <translation>Não é possível contactar o servidor: a lista preenche-se quando ele voltar a responder.</translation>
    </message>
</context>
<context>
    <name>ClientSearch</name>
    <message>
        <source>Find client</source>
        <translation>Procurar cliente</translation>
    </message>
    <message>
        <source>Name, phone or e-mail</source>
        <translation>Nome, telefone ou e-mail</translation>
    </message>
    <message>
        <source>Clients found</source>
        <translation>Clientes encontrados</translation>
    </message>
    <message>
        <source>Their appointments</source>
        <translation>As suas marcações</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Resultado da procura</translation>
    </message>
    <message>
        <source>Go to appointment</source>
        <translation>Ir para a marcação</translation>
    </message>
    <message>
        <source>Appointments (latest first):</source>
        <translation>Marcações (as mais recentes primeiro):</translation>
    </message>
    <message>
        <source>There are no clients yet.</source>
        <translation>Ainda não há clientes.</translation>
    </message>
    <message>
        <source>No client matches “{text}”: check the spelling, or try a phone number.</source>
        <translation>Nenhum cliente corresponde a “{text}”: verifique a ortografia, ou tente um número de telefone.</translation>
    </message>
    <message>
        <source>No appointments yet.</source>
        <translation>Ainda sem marcações.</translation>
    </message>
    <message>
        <source>Choose one of the client&apos;s appointments.</source>
        <translation>Escolha uma das marcações do cliente.</translation>
    </message>
    <message>
        <source>This client has no appointments yet.</source>
        <translation>Este cliente ainda não tem marcações.</translation>
    </message>
</context>
<context>
    <name>ClientWindow</name>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Name, phone or e-mail</source>
        <extracomment>What the form showed when filled in (to notice edits).</extracomment>
        <translation>Nome, telefone ou e-mail</translation>
    </message>
    <message>
        <source>Find client</source>
        <translation>Procurar cliente</translation>
    </message>
    <message>
        <source>Show archived clients</source>
        <translation>Mostrar clientes arquivados</translation>
    </message>
    <message>
        <source>Clients found</source>
        <translation>Clientes encontrados</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Resultado da procura</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Novo cliente</translation>
    </message>
    <message>
        <source>Client shown</source>
        <translation>Cliente mostrado</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arquivar</translation>
    </message>
    <message>
        <source>Merge a duplicate…</source>
        <translation>Juntar um duplicado…</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>Exportar dados…</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>Apagar…</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>O que foi feito</translation>
    </message>
    <message>
        <source>Appointments counted</source>
        <translation>Marcações contadas</translation>
    </message>
    <message>
        <source>Appointments, latest first</source>
        <translation>Marcações, as mais recentes primeiro</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>(archived)</source>
        <translation>(arquivado)</translation>
    </message>
    <message>
        <source>No client matches “{text}”.</source>
        <translation>Nenhum cliente corresponde a “{text}”.</translation>
    </message>
    <message>
        <source>There are no clients yet.</source>
        <translation>Ainda não há clientes.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Repor</translation>
    </message>
    <message>
        <source>the new client</source>
        <translation>o novo cliente</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações por guardar</translation>
    </message>
    <message>
        <source>Drop the changes to {name}?</source>
        <translation>Descartar as alterações a {name}?</translation>
    </message>
    <message>
        <source>Drop the changes</source>
        <translation>Descartar as alterações</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuar a editar</translation>
    </message>
    <message>
        <source>{name} — saved</source>
        <translation>{name} — guardado</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can do this (you are at reception).</source>
        <translation>Só um gestor ou um administrador pode fazer isto (está na receção).</translation>
    </message>
    <message>
        <source>{duplicate} was merged into {name}.</source>
        <translation>{duplicate} foi junto a {name}.</translation>
    </message>
    <message>
        <source>Export {name}&apos;s data to</source>
        <translation>Exportar os dados de {name} para</translation>
    </message>
    <message>
        <source>The files could not be written: {reason}</source>
        <translation>Não foi possível escrever os ficheiros: {reason}</translation>
    </message>
    <message>
        <source>{count} files written to {folder}.</source>
        <translation>{count} ficheiros escritos em {folder}.</translation>
    </message>
    <message>
        <source>Erase {name}?</source>
        <translation>Apagar {name}?</translation>
    </message>
    <message>
        <source>{name}&apos;s name, phone, e-mail, date of birth and notes are erased, and so is what the clinic wrote about them in appointments, messages and the audit trail. Their appointments stay without a name, for the clinic&apos;s statistics. This cannot be undone. Export their data first if they asked for a copy.</source>
        <translation>O nome, telefone, e-mail, data de nascimento e notas de {name} são apagados, assim como o que a clínica escreveu sobre esta pessoa em marcações, mensagens e no registo de auditoria. As marcações ficam, sem nome, para as estatísticas da clínica. Não é possível desfazer. Exporte primeiro os dados se a pessoa pediu uma cópia.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Keep the record</source>
        <translation>Manter o registo</translation>
    </message>
    <message>
        <source>{name}&apos;s record was erased; it is now {pseudonym}.</source>
        <translation>O registo de {name} foi apagado; é agora {pseudonym}.</translation>
    </message>
    <message>
        <source>Appointments: {total} · no-shows: {no_shows} · late cancellations (less than a day ahead): {late}</source>
        <translation>Marcações: {total} · faltas: {no_shows} · cancelamentos tardios (com menos de um dia de antecedência): {late}</translation>
    </message>
    <message>
        <source>No appointments yet.</source>
        <translation>Ainda sem marcações.</translation>
    </message>
</context>
<context>
    <name>ClinicMenu</name>
    <message>
        <source>Only a manager or an administrator can change this (you are at reception).</source>
        <translation>Só um gestor ou um administrador pode alterar isto (está na receção).</translation>
    </message>
    <message>
        <source>Client {name} added.</source>
        <translation>Cliente {name} adicionado.</translation>
    </message>
    <message>
        <source>{name} leaves: {count} of their appointments wait for another professional.</source>
        <translation>{name} sai: {count} das suas marcações aguardam outro profissional.</translation>
    </message>
    <message>
        <source>{count} recorded as a conflict.</source>
        <translation>{count} registadas como conflito.</translation>
    </message>
    <message>
        <source>Saved in {file}: used from the next start of the scheduler.</source>
        <translation>Guardado em {file}: usado a partir do próximo arranque da agenda.</translation>
    </message>
</context>
<context>
    <name>ColourButton</name>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Another from the palette</source>
        <translation>Outra da paleta</translation>
    </message>
    <message>
        <source>Another colour from the palette</source>
        <translation>Outra cor da paleta</translation>
    </message>
    <message>
        <source>{code}: click to choose another colour</source>
        <translation>{code}: clique para escolher outra cor</translation>
    </message>
    <message>
        <source>Choose a colour</source>
        <translation>Escolher uma cor</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete appointment</source>
        <translation>Concluir marcação</translation>
    </message>
    <message>
        <source>this appointment</source>
        <translation>esta marcação</translation>
    </message>
    <message>
        <source>How did it go with {who}?</source>
        <translation>Como correu com {who}?</translation>
    </message>
    <message>
        <source>Completion notes</source>
        <translation>Notas de conclusão</translation>
    </message>
    <message>
        <source>What was done, what follows</source>
        <translation>O que foi feito, o que se segue</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>sem avaliação</translation>
    </message>
    <message>
        <source>Rating from 1 to 5</source>
        <translation>Avaliação de 1 a 5</translation>
    </message>
    <message>
        <source>Client&apos;s feedback</source>
        <translation>Opinião do cliente</translation>
    </message>
    <message>
        <source>What the client said (optional)</source>
        <translation>O que o cliente disse (opcional)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Rating (1-5)</source>
        <translation>Avaliação (1-5)</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Opinião</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Concluir</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Double booking</source>
        <translation>Marcação duplicada</translation>
    </message>
    <message>
        <source>Resource conflict</source>
        <translation>Conflito de recurso</translation>
    </message>
    <message>
        <source>Team conflict</source>
        <translation>Conflito de equipa</translation>
    </message>
    <message>
        <source>Time conflict</source>
        <translation>Conflito de horário</translation>
    </message>
    <message>
        <source>Location conflict</source>
        <translation>Conflito de local</translation>
    </message>
    <message>
        <source>Capacity exceeded</source>
        <translation>Capacidade excedida</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixo</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Médio</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <source>Click to see the conflicts and resolve them.</source>
        <translation>Clique para ver os conflitos e resolvê-los.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflitos</translation>
    </message>
    <message>
        <source>Conflicts waiting</source>
        <translation>Conflitos por resolver</translation>
    </message>
    <message>
        <source>Conflicts, most urgent first</source>
        <translation>Conflitos, os mais urgentes primeiro</translation>
    </message>
    <message>
        <source>About the conflict</source>
        <translation>Sobre o conflito</translation>
    </message>
    <message>
        <source>Appointments set aside</source>
        <translation>Marcações postas de parte</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Sugestões</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>O que foi feito</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Aceitar a sugestão</translation>
    </message>
    <message>
        <source>Ignore…</source>
        <translation>Ignorar…</translation>
    </message>
    <message>
        <source>Escalate to a manager</source>
        <translation>Passar a um gestor</translation>
    </message>
    <message>
        <source>Waiting for a place</source>
        <translation>À espera de lugar</translation>
    </message>
    <message>
        <source>Suggested by the scheduler (double-click to accept)</source>
        <translation>Sugerido pelo agendador (duplo clique para aceitar)</translation>
    </message>
    <message>
        <source>No conflicts wait to be resolved.</source>
        <translation>Não há conflitos por resolver.</translation>
    </message>
    <message>
        <source>1 conflict waits to be resolved.</source>
        <translation>1 conflito por resolver.</translation>
    </message>
    <message>
        <source>{count} conflicts wait to be resolved.</source>
        <translation>{count} conflitos por resolver.</translation>
    </message>
    <message>
        <source>1 appointment</source>
        <translation>1 marcação</translation>
    </message>
    <message>
        <source>{count} appointments</source>
        <translation>{count} marcações</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>passado a um gestor</translation>
    </message>
    <message>
        <source>{kind} · Impact: {impact}</source>
        <translation>{kind} · Impacto: {impact}</translation>
    </message>
    <message>
        <source>Cause: {cause}</source>
        <translation>Causa: {cause}</translation>
    </message>
    <message>
        <source>Booked both by {who} on {day} (the desk confirmed it)</source>
        <translation>Ambas marcadas por {who} em {day} (confirmado na receção)</translation>
    </message>
    <message>
        <source>Forced by {who} on {day}: “{reason}”</source>
        <translation>Forçado por {who} em {day}: “{reason}”</translation>
    </message>
    <message>
        <source>Escalated to the managers: {note}</source>
        <translation>Passado aos gestores: {note}</translation>
    </message>
    <message>
        <source>The client&apos;s appointments at the same time (move one apart)</source>
        <translation>As marcações do cliente à mesma hora (mude uma delas)</translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Sem cliente</translation>
    </message>
    <message>
        <source>Looking for places…</source>
        <translation>A procurar lugares…</translation>
    </message>
    <message>
        <source>No free place within two weeks: ignore or escalate.</source>
        <translation>Nenhum lugar livre nas próximas duas semanas: ignore ou passe a um gestor.</translation>
    </message>
    <message>
        <source>Give it to {name} (same time)</source>
        <translation>Dar a {name} (à mesma hora)</translation>
    </message>
    <message>
        <source>Move it to {day} {span} with {name}</source>
        <translation>Mudar para {day} {span} com {name}</translation>
    </message>
    <message>
        <source>done.</source>
        <translation>feito.</translation>
    </message>
    <message>
        <source>Ignore the conflict</source>
        <translation>Ignorar o conflito</translation>
    </message>
    <message>
        <source>Why is it ignored? The client keeps both appointments at the same time.</source>
        <translation>Porque é ignorado? O cliente fica com as duas marcações à mesma hora.</translation>
    </message>
    <message>
        <source>Why is it ignored? Its appointments stay without a professional until someone gives them a place.</source>
        <translation>Porque é ignorado? As marcações ficam sem profissional até alguém lhes dar um lugar.</translation>
    </message>
    <message>
        <source>The conflict is ignored: {reason}</source>
        <translation>O conflito é ignorado: {reason}</translation>
    </message>
    <message>
        <source>Escalated to the managers ({count} told at their desks).</source>
        <translation>Passado aos gestores ({count} avisados no seu posto).</translation>
    </message>
</context>
<context>
    <name>ContextMenu</name>
    <message>
        <source>Notifications...</source>
        <translation>Notificações...</translation>
    </message>
    <message>
        <source>History...</source>
        <translation>Histórico...</translation>
    </message>
    <message>
        <source>Change this and the following...</source>
        <translation>Alterar esta e as seguintes...</translation>
    </message>
    <message>
        <source>Change the whole series...</source>
        <translation>Alterar a série toda...</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Atribuir a</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <source>Not saved: the client already has an appointment at that time.</source>
        <extracomment>The booking dialog&apos;s answer when the desk asked to find a time instead. ... when it asked to repeat the appointment (a series). Called after each change with the appointment to select (or None), to redraw. Where the appointments being saved go (None: they stay where they are).</extracomment>
        <translation>Não guardado: o cliente já tem uma marcação a essa hora.</translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <extracomment>Told which appointments are being saved, and where they go. Told when they no longer are: saved (True) or refused (False). Told the times a change freed (the waitlist looks for who waits for them). Why changes are paused now (&quot;&quot;: they are not): they are refused with it. Told, instead of a message box, that the server could not be reached. Told a change was refused because changes are paused (the window says it).</extracomment>
        <translation>Não foi possível anular ou refazer</translation>
    </message>
    <message>
        <source>Appointment not moved</source>
        <translation>Marcação não mudada</translation>
    </message>
    <message>
        <source>Appointments not moved</source>
        <translation>Marcações não mudadas</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>marcação</translation>
    </message>
    <message>
        <source>Edit {who}</source>
        <translation>Editar {who}</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Não confirmada</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>Chegada não registada</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>Não concluída</translation>
    </message>
    <message>
        <source>Not marked as a no-show</source>
        <translation>Falta não registada</translation>
    </message>
    <message>
        <source>Not cancelled</source>
        <translation>Não cancelada</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Não reposta</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Estado não alterado</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Appointment details</source>
        <extracomment>(start, end, professional) when the time or the professional changed, else None. Saves a move and the other changes through the services (raises when refused).</extracomment>
        <translation>Pormenores da marcação</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de início</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Availability</source>
        <extracomment>What the dialog offers, once read on the worker (None meanwhile).</extracomment>
        <translation>Disponibilidade</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>Sem serviço</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Online (video call)</source>
        <translation>Online (videochamada)</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>Ligação da reunião</translation>
    </message>
    <message>
        <source>https://... (needed for an online appointment)</source>
        <translation>https://... (necessária para uma marcação online)</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>Custo estimado</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>Custo real</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>Faturável</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Completion notes</source>
        <translation>Notas de conclusão</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>sem avaliação</translation>
    </message>
    <message>
        <source>Rating from 1 to 5</source>
        <translation>Avaliação de 1 a 5</translation>
    </message>
    <message>
        <source>Client&apos;s feedback</source>
        <translation>Opinião do cliente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Marcação</translation>
    </message>
    <message>
        <source>Place and costs</source>
        <translation>Local e custos</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Room and equipment</source>
        <translation>Sala e equipamento</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Cancelled because</source>
        <translation>Cancelada porque</translation>
    </message>
    <message>
        <source>Late: cancelled after the clinic&apos;s deadline</source>
        <translation>Tardia: cancelada depois do prazo da clínica</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation>Fora do horário de trabalho</translation>
    </message>
    <message>
        <source>Estimated cost ({currency})</source>
        <translation>Custo estimado ({currency})</translation>
    </message>
    <message>
        <source>Actual cost ({currency})</source>
        <translation>Custo real ({currency})</translation>
    </message>
    <message>
        <source>From another system</source>
        <translation>De outro sistema</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>Identificador externo</translation>
    </message>
    <message>
        <source>External link</source>
        <translation>Ligação externa</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Ligação</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Avaliação</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Opinião</translation>
    </message>
    <message>
        <source>The estimated cost</source>
        <translation>O custo estimado</translation>
    </message>
    <message>
        <source>The actual cost</source>
        <translation>O custo real</translation>
    </message>
    <message>
        <source>{what} must be an amount such as {example}.</source>
        <translation>{what} tem de ser um valor como {example}.</translation>
    </message>
    <message>
        <source>That time has already passed. Choose a time still to come.</source>
        <translation>Essa hora já passou. Escolha uma hora que ainda esteja para vir.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>A verificar…</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Livre</translation>
    </message>
</context>
<context>
    <name>DialogLists</name>
    <message>
        <source>Loading…</source>
        <extracomment>Ask again this often while the server cannot be reached. The person signed in may book past a rule (&quot;Book anyway&quot;). Why the series could not be read (&quot;&quot; when it was, or there is none).</extracomment>
        <translation>A carregar…</translation>
    </message>
    <message>
        <source>The server cannot be reached: the lists fill in when it answers again.</source>
        <translation>Não é possível contactar o servidor: as listas preenchem-se quando ele voltar a responder.</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>week</source>
        <translation>semana</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>semanas</translation>
    </message>
    <message>
        <source>day</source>
        <translation>dia</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dias</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>horas</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>minuto</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>“{part}”: say minutes, hours or days (e.g. {part} hours).</source>
        <translation>“{part}”: indique minutos, horas ou dias (p. ex. {part} horas).</translation>
    </message>
    <message>
        <source>“{part}” is no time at all: give a length such as 2 hours.</source>
        <translation>“{part}” não é tempo nenhum: indique uma duração como 2 horas.</translation>
    </message>
    <message>
        <source>“{part}” is too long: reminders go out at most 30 days before.</source>
        <translation>“{part}” é demasiado: os lembretes saem no máximo 30 dias antes.</translation>
    </message>
    <message>
        <source>“{part}” is not a length of time: write e.g. 1 day, 2 hours.</source>
        <translation>“{part}” não é uma duração: escreva p. ex. 1 dia, 2 horas.</translation>
    </message>
    <message>
        <source>“{part}”: a time runs from 00:00 to 23:59.</source>
        <translation>“{part}”: uma hora vai das 00:00 às 23:59.</translation>
    </message>
    <message>
        <source>“{part}” closes before it opens.</source>
        <translation>“{part}” fecha antes de abrir.</translation>
    </message>
    <message>
        <source>“{part}” overlaps another range of the same day.</source>
        <translation>“{part}” sobrepõe-se a outro intervalo do mesmo dia.</translation>
    </message>
    <message>
        <source>“{part}” is not a range of hours: write e.g. 09:00-13:00, 14:00-19:00.</source>
        <translation>“{part}” não é um intervalo de horas: escreva p. ex. 09:00-13:00, 14:00-19:00.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to iCalendar</source>
        <translation>Exportar para iCalendar</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Whose appointments</source>
        <translation>Marcações de quem</translation>
    </message>
    <message>
        <source>The whole clinic</source>
        <translation>Toda a clínica</translation>
    </message>
    <message>
        <source>Cancelled appointments are left out. Importing the file into another clinic finds the same professionals and clients, by name and e-mail.</source>
        <translation>As marcações canceladas ficam de fora. Ao importar o ficheiro noutra clínica, encontram-se os mesmos profissionais e clientes, pelo nome e pelo e-mail.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Save as...</source>
        <translation>Guardar como...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Marcações</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Ficheiros iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>O último dia vem antes do primeiro.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>A exportar…</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}</source>
        <translation>Não é possível escrever {file}: {reason}</translation>
    </message>
    <message>
        <source>{count} appointments and {series} series saved in {file}.</source>
        <translation>{count} marcações e {series} séries guardadas em {file}.</translation>
    </message>
    <message>
        <source>{count} appointments saved in {file}.</source>
        <translation>Marcações guardadas em {file}: {count}.</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>Why it was not saved</source>
        <extracomment>A refused field&apos;s frame (the rest of its style is the platform&apos;s).</extracomment>
        <translation>Porque não foi guardado</translation>
    </message>
    <message>
        <source>Why this field was refused</source>
        <translation>Porque este campo foi recusado</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>{period}, filtered by “{text}”</source>
        <translation>{period}, filtrado por “{text}”</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Imprimir...</translation>
    </message>
    <message>
        <source>Reports...</source>
        <translation>Relatórios...</translation>
    </message>
    <message>
        <source>Import clients and appointments...</source>
        <translation>Importar clientes e marcações...</translation>
    </message>
    <message>
        <source>Export to iCalendar...</source>
        <translation>Exportar para iCalendar...</translation>
    </message>
</context>
<context>
    <name>FindTimeDialog</name>
    <message>
        <source>Find a time</source>
        <extracomment>Times offered at most. The search waits this long after the last change (typing a time, ticking days). Parts of the day: (from, to) inclusive starts.</extracomment>
        <translation>Procurar horário</translation>
    </message>
    <message>
        <source>Service</source>
        <extracomment>Further professionals of the appointment (the booking dialog&apos;s &quot;With&quot;).</extracomment>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>Sem serviço</translation>
    </message>
    <message>
        <source>{name} ({minutes} min)</source>
        <translation>{name} ({minutes} min)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>Professionals (none ticked: anyone)</source>
        <translation>Profissionais (nenhum marcado: qualquer um)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>Hora do dia</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Qualquer hora</translation>
    </message>
    <message>
        <source>Morning (before 12:00)</source>
        <translation>Manhã (antes das 12:00)</translation>
    </message>
    <message>
        <source>Afternoon (12:00-17:00)</source>
        <translation>Tarde (12:00-17:00)</translation>
    </message>
    <message>
        <source>Evening (from 17:00)</source>
        <translation>Fim do dia (a partir das 17:00)</translation>
    </message>
    <message>
        <source>Between...</source>
        <translation>Entre...</translation>
    </message>
    <message>
        <source>Starting from</source>
        <translation>A começar a partir de</translation>
    </message>
    <message>
        <source>Starting by</source>
        <translation>A começar até</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordem</translation>
    </message>
    <message>
        <source>Earliest first</source>
        <translation>Mais cedo primeiro</translation>
    </message>
    <message>
        <source>Least busy professional first</source>
        <translation>Profissional menos ocupado primeiro</translation>
    </message>
    <message>
        <source>Free times</source>
        <translation>Horários livres</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Pesquisa</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>&amp;Serviço</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>D&amp;uração</translation>
    </message>
    <message>
        <source>&amp;Professionals</source>
        <translation>&amp;Profissionais</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>&amp;Dias</translation>
    </message>
    <message>
        <source>T&amp;ime of day</source>
        <translation>&amp;Hora do dia</translation>
    </message>
    <message>
        <source>&amp;Weekdays</source>
        <translation>Dias da s&amp;emana</translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation>&amp;Ordem</translation>
    </message>
    <message>
        <source>&amp;Client</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <source>F&amp;ree times</source>
        <translation>Horários &amp;livres</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Marcar</translation>
    </message>
    <message>
        <source>Tick at least one weekday.</source>
        <translation>Marque pelo menos um dia da semana.</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>O último dia vem antes do primeiro.</translation>
    </message>
    <message>
        <source>Look at most {days} days at a time.</source>
        <translation>Procure no máximo {days} dias de cada vez.</translation>
    </message>
    <message>
        <source>Looking for free times...</source>
        <translation>A procurar horários livres...</translation>
    </message>
    <message>
        <source>{day}  {span}  {professional}</source>
        <translation>{day}  {span}  {professional}</translation>
    </message>
    <message>
        <source>{count} free times: Enter books the one chosen.</source>
        <translation>{count} horários livres: Enter marca o escolhido.</translation>
    </message>
    <message>
        <source>1 free time: Enter books it.</source>
        <translation>1 horário livre: Enter marca-o.</translation>
    </message>
    <message>
        <source>No free time in these days: try more days, other times of day or weekdays, or anyone.</source>
        <translation>Nenhum horário livre nestes dias: experimente mais dias, outras horas do dia ou dias da semana, ou qualquer profissional.</translation>
    </message>
    <message>
        <source>Choose the client, or “No client (walk-in / block)”.</source>
        <translation>Escolha o cliente, ou “Sem cliente (sem marcação / bloqueio)”.</translation>
    </message>
</context>
<context>
    <name>FirstAccount</name>
    <message>
        <source>The administrator&apos;s account</source>
        <translation>A conta do administrador</translation>
    </message>
    <message>
        <source>Welcome. First, the clinic&apos;s administrator: the person who creates the other staff accounts in Clinic &gt; Staff and sets the clinic up.</source>
        <translation>Bem-vindo. Primeiro, o administrador da clínica: a pessoa que cria as contas da restante equipa em Clínica &gt; Equipa e configura a clínica.</translation>
    </message>
    <message>
        <source>Staff now sign in with a password. Choose the administrator&apos;s password; the administrator then sets everyone else&apos;s in Clinic &gt; Staff.</source>
        <translation>A equipa passa a entrar com uma palavra-passe. Escolha a palavra-passe do administrador; depois o administrador define a dos restantes em Clínica &gt; Equipa.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome de utilizador</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nome completo</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Palavra-passe novamente</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nome de utilizador:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nome completo:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Palavra-passe:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Novamente:</translation>
    </message>
    <message>
        <source>At least 8 characters.</source>
        <translation>Pelo menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>Criar e entrar</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>As duas palavras-passe são diferentes.</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Your clinic</source>
        <translation>A sua clínica</translation>
    </message>
    <message>
        <source>A few steps set the clinic up. Skip any of them: everything can be changed later in the Clinic menu.</source>
        <translation>Alguns passos preparam a clínica. Pode saltar qualquer um: tudo pode ser alterado mais tarde no menu Clínica.</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nome da clínica</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <source>Guessed from this computer. Type any part of a city&apos;s name to find yours: appointments are shown in the clinic&apos;s time zone on every desk.</source>
        <translation>Deduzido deste computador. Escreva parte do nome de uma cidade para encontrar o seu: as marcações são mostradas no fuso horário da clínica em todos os postos.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horário de funcionamento</translation>
    </message>
    <message>
        <source>When the clinic is open, day by day: several ranges a day are separated by commas (09:00-13:00, 14:00-19:00); an empty day is closed.</source>
        <translation>Quando a clínica está aberta, dia a dia: vários intervalos num dia separam-se por vírgulas (09:00-13:00, 14:00-19:00); um dia vazio está fechado.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Professional&apos;s name</source>
        <translation>Nome do profissional</translation>
    </message>
    <message>
        <source>Title or specialty</source>
        <translation>Título ou especialidade</translation>
    </message>
    <message>
        <source>Professionals</source>
        <translation>Profissionais</translation>
    </message>
    <message>
        <source>Who takes appointments: each gets a column in the calendar and a colour of their own. Enter adds the one typed; add as many as you like.</source>
        <translation>Quem atende as marcações: cada um tem uma coluna na agenda e uma cor própria. Enter adiciona o que escreveu; adicione quantos quiser.</translation>
    </message>
    <message>
        <source>Professionals added</source>
        <translation>Profissionais adicionados</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Nome do serviço</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Serviços</translation>
    </message>
    <message>
        <source>What the clinic offers: booking one sets the appointment&apos;s length. Enter adds the one typed; add as many as you like.</source>
        <translation>O que a clínica oferece: marcar um define a duração da marcação. Enter adiciona o que escreveu; adicione quantos quiser.</translation>
    </message>
    <message>
        <source>Services added</source>
        <translation>Serviços adicionados</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write e.g. {example}.</source>
        <translation>“{text}” não é um valor: escreva p. ex. {example}.</translation>
    </message>
    <message>
        <source>{name} · {minutes} min · {price}</source>
        <translation>{name} · {minutes} min · {price}</translation>
    </message>
    <message>
        <source>Set up the clinic</source>
        <translation>Preparar a clínica</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Seguinte</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>Set up later</source>
        <translation>Preparar mais tarde</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <source>Book follow-up</source>
        <translation>Marcar seguimento</translation>
    </message>
    <message>
        <source>In 1 week</source>
        <translation>Daqui a 1 semana</translation>
    </message>
    <message>
        <source>In {n} weeks</source>
        <translation>Daqui a {n} semanas</translation>
    </message>
    <message>
        <source>Copy appointment...</source>
        <translation>Copiar marcação...</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Arrow keys</source>
        <translation>Teclas de seta</translation>
    </message>
    <message>
        <source>Move the selected appointments by a slot or a column</source>
        <translation>Mover as marcações selecionadas um intervalo ou uma coluna</translation>
    </message>
    <message>
        <source>With nothing selected: move the slot cursor</source>
        <translation>Sem nada selecionado: mover o cursor de horário</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected appointment, or book at the slot cursor</source>
        <translation>Abrir a marcação selecionada, ou marcar no cursor de horário</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Deselect; then hide the slot cursor</source>
        <translation>Desmarcar a seleção; depois esconder o cursor de horário</translation>
    </message>
    <message>
        <source>Ctrl+click, Shift+click</source>
        <translation>Ctrl+clique, Shift+clique</translation>
    </message>
    <message>
        <source>Select several appointments</source>
        <translation>Selecionar várias marcações</translation>
    </message>
    <message>
        <source>Ctrl+drag</source>
        <translation>Ctrl+arrastar</translation>
    </message>
    <message>
        <source>Select the appointments in a band</source>
        <translation>Selecionar as marcações de uma faixa</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Arrastar</translation>
    </message>
    <message>
        <source>Move an appointment; drag its bottom edge to resize it</source>
        <translation>Mudar uma marcação; arrastar a margem de baixo para mudar a duração</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+roda</translation>
    </message>
    <message>
        <source>Zoom, keeping the time under the mouse</source>
        <translation>Ampliar ou reduzir, mantendo a hora sob o rato</translation>
    </message>
    <message>
        <source>Double-click a day</source>
        <translation>Duplo clique num dia</translation>
    </message>
    <message>
        <source>Open the day (month view)</source>
        <translation>Abrir o dia (vista do mês)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Search: a key or what it does</source>
        <translation>Procurar: uma tecla ou o que faz</translation>
    </message>
    <message>
        <source>Search the shortcuts</source>
        <translation>Procurar nos atalhos</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>O que faz</translation>
    </message>
    <message>
        <source>About the scheduler</source>
        <translation>Acerca da agenda</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scheduler&lt;/b&gt; {version}</source>
        <translation>&lt;b&gt;Agenda&lt;/b&gt; {version}</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Appointments for clinics and offices.</source>
        <translation>Marcações para clínicas e consultórios.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de dados:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Pasta dos dados:</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>Pasta dos registos:</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>The schedule is locked</source>
        <extracomment>What counts as someone using the desk.</extracomment>
        <translation>A agenda está bloqueada</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Or sign in as someone else:</source>
        <translation>Ou entre como outra pessoa:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome de utilizador</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>A palavra-passe dessa pessoa</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Palavra-passe:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nome de utilizador:</translation>
    </message>
    <message>
        <source>Signed in: {name}. Type your password to go on.</source>
        <translation>Sessão de {name}. Escreva a sua palavra-passe para continuar.</translation>
    </message>
    <message>
        <source>An administrator reset this password: sign in at the start of the scheduler to choose a new one.</source>
        <translation>Um administrador repôs esta palavra-passe: entre ao iniciar a agenda para escolher uma nova.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de início</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Hora de fim</translation>
    </message>
    <message>
        <source>Length (minutes)</source>
        <translation>Duração (minutos)</translation>
    </message>
    <message>
        <source>Client&apos;s name</source>
        <translation>Nome do cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Id in the old system</source>
        <translation>Identificador no sistema antigo</translation>
    </message>
    <message>
        <source>dd</source>
        <comment>the day in a date format</comment>
        <translation>dd</translation>
    </message>
    <message>
        <source>mm</source>
        <comment>the month in a date format</comment>
        <translation>mm</translation>
    </message>
    <message>
        <source>yyyy</source>
        <comment>the year in a date format</comment>
        <translation>aaaa</translation>
    </message>
    <message>
        <source>Import clients and appointments</source>
        <extracomment>An import was saved (the window reads the schedule and professionals again). A check or an import ended (its outcome, or None if it failed).</extracomment>
        <translation>Importar clientes e marcações</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Ainda não escolheu nenhum ficheiro.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Ficheiro</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>Escolher ficheiro...</translation>
    </message>
    <message>
        <source>The file holds</source>
        <translation>O ficheiro tem</translation>
    </message>
    <message>
        <source>Appointments (with their clients)</source>
        <translation>Marcações (com os seus clientes)</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Dates are written as</source>
        <translation>As datas estão escritas como</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colunas</translation>
    </message>
    <message>
        <source>What the file holds</source>
        <translation>O que o ficheiro tem</translation>
    </message>
    <message>
        <source>Rows of the file</source>
        <translation>Linhas do ficheiro</translation>
    </message>
    <message>
        <source>Skip the rows that do not fit the schedule and import the rest</source>
        <translation>Saltar as linhas que não cabem na agenda e importar as restantes</translation>
    </message>
    <message>
        <source>Import nothing if any row does not fit</source>
        <translation>Não importar nada se alguma linha não couber</translation>
    </message>
    <message>
        <source>Import every row; record those that do not fit as conflicts to resolve</source>
        <translation>Importar todas as linhas; registar as que não cabem como conflitos a resolver</translation>
    </message>
    <message>
        <source>A row whose professional is busy or not working then, or that nobody can take, is booked without a professional and waits in the Conflicts window; a client booked twice at once is kept and listed there too</source>
        <translation>Uma linha cujo profissional está ocupado ou não trabalha a essa hora, ou que ninguém pode atender, é marcada sem profissional e fica à espera na janela Conflitos; um cliente marcado duas vezes à mesma hora é mantido e também aparece lá</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>Linhas não importadas</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Book everything as the import would, and write nothing: see what would not fit.</source>
        <translation>Marca tudo como a importação faria, sem escrever nada: mostra o que não caberia.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Import from</source>
        <translation>Importar de</translation>
    </message>
    <message>
        <source>Tables and calendars (*.csv *.txt *.ics);;All files (*)</source>
        <translation>Tabelas e calendários (*.csv *.txt *.ics);;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}</source>
        <translation>Não é possível ler {file}: {reason}</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(não está no ficheiro)</translation>
    </message>
    <message>
        <source>Column {n}</source>
        <translation>Coluna {n}</translation>
    </message>
    <message>
        <source>{count} rows read, all well formed.</source>
        <translation>Linhas lidas: {count}, todas bem formadas.</translation>
    </message>
    <message>
        <source>Text: {encoding}, columns separated by “{separator}”.</source>
        <translation>Texto: {encoding}, colunas separadas por “{separator}”.</translation>
    </message>
    <message>
        <source>{count} will be left out (greyed).</source>
        <translation>Ficam de fora (a cinzento): {count}.</translation>
    </message>
    <message>
        <source>The first {count} are shown.</source>
        <translation>Mostram-se as primeiras {count}.</translation>
    </message>
    <message>
        <source>clients: {clients} new, {matched} found; professionals: {professionals} new; services: {services} new</source>
        <translation>clientes: {clients} novos, {matched} encontrados; profissionais: {professionals} novos; serviços: {services} novos</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Cancelado: nada foi importado.</translation>
    </message>
    <message>
        <source>Imported: {booked} appointments booked.</source>
        <translation>Importado: marcações feitas: {booked}.</translation>
    </message>
    <message>
        <source>Nothing was written: {booked} appointments would be booked.</source>
        <translation>Nada foi escrito: seriam feitas {booked} marcações.</translation>
    </message>
    <message>
        <source>{count} rows were imported before and are left as they are.</source>
        <translation>Linhas já importadas antes, deixadas como estão: {count}.</translation>
    </message>
    <message>
        <source>Recorded as conflicts to resolve: {count} (see the Conflicts window).</source>
        <translation>Registadas como conflitos a resolver: {count} (ver a janela Conflitos).</translation>
    </message>
    <message>
        <source>Would be recorded as conflicts: {count}.</source>
        <translation>Seriam registadas como conflitos: {count}.</translation>
    </message>
    <message>
        <source>Not imported: {count} (listed below).</source>
        <translation>Não importadas: {count} (listadas abaixo).</translation>
    </message>
    <message>
        <source>Client</source>
        <extracomment>Rows shown in the preview (the whole file is read and checked all the same).</extracomment>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Repeats {rule}: 1 appointment</source>
        <translation>Repete-se {rule}: 1 marcação</translation>
    </message>
    <message>
        <source>Repeats {rule}: {n} appointments</source>
        <translation>Repete-se {rule}: {n} marcações</translation>
    </message>
    <message>
        <source>1 moved</source>
        <translation>1 alterada</translation>
    </message>
    <message>
        <source>{n} moved</source>
        <translation>{n} alteradas</translation>
    </message>
    <message>
        <source>1 cancelled</source>
        <translation>1 cancelada</translation>
    </message>
    <message>
        <source>{n} cancelled</source>
        <translation>{n} canceladas</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Why not imported</source>
        <translation>Porque não foi importada</translation>
    </message>
</context>
<context>
    <name>Integrations</name>
    <message>
        <source>Not synced yet</source>
        <translation>Ainda não sincronizado</translation>
    </message>
    <message>
        <source>In step</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflitos</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Integrations</source>
        <extracomment>How many times the list was read (and shown).</extracomment>
        <translation>Integrações</translation>
    </message>
    <message>
        <source>Each professional&apos;s calendar on a CalDAV server (Nextcloud, iCloud, Radicale, ...) is kept in step: their appointments go out as busy time (with the client&apos;s name only if you choose so), and what is busy in their calendar blocks them here.</source>
        <translation>O calendário de cada profissional num servidor CalDAV (Nextcloud, iCloud, Radicale, ...) é mantido em sincronia: as suas marcações saem como tempo ocupado (com o nome do cliente só se o escolher), e o que está ocupado no calendário dele bloqueia-o aqui.</translation>
    </message>
    <message>
        <source>Calendars kept in step</source>
        <translation>Calendários em sincronia</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fornecedor</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilizador</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>A cada</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Última sincronização</translation>
    </message>
    <message>
        <source>Failed tries</source>
        <translation>Tentativas falhadas</translation>
    </message>
    <message>
        <source>Last sync, in words</source>
        <translation>Última sincronização, por extenso</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Why it was not done</source>
        <translation>Porque não foi feito</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (em pausa)</translation>
    </message>
    <message>
        <source>Stop syncing?</source>
        <translation>Deixar de sincronizar?</translation>
    </message>
    <message>
        <source>Stop keeping {name}&apos;s calendar in step? The busy time read from it no longer blocks them; the events already sent stay in their calendar.</source>
        <translation>Deixar de manter o calendário de {name} em sincronia? O tempo ocupado lido dele deixa de o bloquear; os eventos já enviados ficam no calendário.</translation>
    </message>
    <message>
        <source>Syncing {name}&apos;s calendar...</source>
        <translation>A sincronizar o calendário de {name}...</translation>
    </message>
    <message>
        <source>New calendar integration</source>
        <translation>Nova integração de calendário</translation>
    </message>
    <message>
        <source>{name}&apos;s calendar</source>
        <translation>Calendário de {name}</translation>
    </message>
    <message>
        <source>Nextcloud</source>
        <translation>Nextcloud</translation>
    </message>
    <message>
        <source>Calendar address</source>
        <translation>Endereço do calendário</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Kept in the system keyring; type to change it</source>
        <translation>Guardada no porta-chaves do sistema; escreva para a alterar</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Sincronizar a cada</translation>
    </message>
    <message>
        <source>Show the client&apos;s name and the service in the calendar</source>
        <translation>Mostrar o nome do cliente e o serviço no calendário</translation>
    </message>
    <message>
        <source>Off: the calendar shows only “Busy”. On: whoever can read that calendar sees who comes and for what.</source>
        <translation>Desligado: o calendário mostra só «Ocupado». Ligado: quem puder ler esse calendário vê quem vem e para quê.</translation>
    </message>
    <message>
        <source>Keep this calendar in step</source>
        <translation>Manter este calendário em sincronia</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar ligação</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>A ligar...</translation>
    </message>
    <message>
        <source>Add a professional first.</source>
        <translation>Adicione primeiro um profissional.</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Professional leaving</source>
        <translation>Saída de um profissional</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Leaves now: their appointments wait for another professional</source>
        <translation>Sai agora: as suas marcações aguardam outro profissional</translation>
    </message>
    <message>
        <source>Keeps their appointments up to the last working day:</source>
        <translation>Mantém as suas marcações até ao último dia de trabalho:</translation>
    </message>
    <message>
        <source>Last working day</source>
        <translation>Último dia de trabalho</translation>
    </message>
    <message>
        <source>Appointments left without a professional</source>
        <translation>Marcações que ficariam sem profissional</translation>
    </message>
    <message>
        <source>Why it cannot wait (recorded with the conflict)</source>
        <translation>Porque não pode esperar (registado com o conflito)</translation>
    </message>
    <message>
        <source>Reason to leave anyway</source>
        <translation>Motivo para sair mesmo assim</translation>
    </message>
    <message>
        <source>Leave anyway and record a conflict</source>
        <translation>Sair mesmo assim e registar um conflito</translation>
    </message>
    <message>
        <source>Why it cannot be saved</source>
        <translation>Porque não pode ser guardado</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>There is no professional to choose.</source>
        <translation>Não há nenhum profissional para escolher.</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <source>Filter: client, professional, service or status</source>
        <translation>Filtrar: cliente, profissional, serviço ou estado</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>Filtrar a lista</translation>
    </message>
    <message>
        <source>Appointments listed</source>
        <translation>Marcações na lista</translation>
    </message>
    <message>
        <source>Appointments shown</source>
        <translation>Marcações mostradas</translation>
    </message>
    <message>
        <source>Appointments: {count}</source>
        <translation>Marcações: {count}</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} de {total}</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>{host} port {port}</source>
        <translation>{host} porta {port}</translation>
    </message>
    <message>
        <source>Nothing answers at {where}: check the server name and the port.</source>
        <translation>Nada responde em {where}: verifique o nome do servidor e a porta.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check its spelling.</source>
        <translation>O nome de servidor {host} não é conhecido: verifique a ortografia.</translation>
    </message>
    <message>
        <source>{where} did not answer in time: check the address and the port.</source>
        <translation>{where} não respondeu a tempo: verifique o endereço e a porta.</translation>
    </message>
    <message>
        <source>The mail server refused the user name or the password.</source>
        <translation>O servidor de correio recusou o nome de utilizador ou a palavra-passe.</translation>
    </message>
    <message>
        <source>The mail server refused to send to {address}.</source>
        <translation>O servidor de correio recusou enviar para {address}.</translation>
    </message>
    <message>
        <source>The mail server refused the sender address.</source>
        <translation>O servidor de correio recusou o endereço do remetente.</translation>
    </message>
    <message>
        <source>The secure connection failed: try another security setting or port ({detail}).</source>
        <translation>A ligação segura falhou: experimente outra segurança ou outra porta ({detail}).</translation>
    </message>
    <message>
        <source>{where} closed the connection: check the security setting and port.</source>
        <translation>{where} fechou a ligação: verifique a segurança e a porta.</translation>
    </message>
    <message>
        <source>The mail server did not accept the message: {detail}</source>
        <translation>O servidor de correio não aceitou a mensagem: {detail}</translation>
    </message>
    <message>
        <source>The message could not be sent: {detail}</source>
        <translation>Não foi possível enviar a mensagem: {detail}</translation>
    </message>
    <message>
        <source>E-mail and SMS settings</source>
        <translation>Definições de e-mail e SMS</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (normalmente a porta 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS (normalmente a porta 465)</translation>
    </message>
    <message>
        <source>None: not encrypted</source>
        <translation>Nenhuma: sem cifra</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>guardada no porta-chaves do sistema</translation>
    </message>
    <message>
        <source>your address, for a test message</source>
        <translation>o seu endereço, para uma mensagem de teste</translation>
    </message>
    <message>
        <source>Send test e-mail</source>
        <translation>Enviar e-mail de teste</translation>
    </message>
    <message>
        <source>a mobile number, for a test message</source>
        <translation>um número de telemóvel, para uma mensagem de teste</translation>
    </message>
    <message>
        <source>Send test SMS</source>
        <translation>Enviar SMS de teste</translation>
    </message>
    <message>
        <source>SMS gateway address</source>
        <translation>Endereço do serviço de SMS</translation>
    </message>
    <message>
        <source>SMS gateway user</source>
        <translation>Utilizador do serviço de SMS</translation>
    </message>
    <message>
        <source>SMS gateway password</source>
        <translation>Palavra-passe do serviço de SMS</translation>
    </message>
    <message>
        <source>Test mobile number</source>
        <translation>Telemóvel de teste</translation>
    </message>
    <message>
        <source>Reminder times before the appointment</source>
        <translation>Lembretes antes da marcação</translation>
    </message>
    <message>
        <source>e.g. 1 day, 2 hours (none when empty)</source>
        <translation>p. ex. 1 dia, 2 horas (nenhum se vazio)</translation>
    </message>
    <message>
        <source>Reminders before</source>
        <translation>Lembretes antes</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Servidor de correio</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Segurança</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilizador</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Endereço do remetente</translation>
    </message>
    <message>
        <source>Test recipient</source>
        <translation>Destinatário de teste</translation>
    </message>
    <message>
        <source>No system keyring works on this computer, so passwords cannot be remembered here. On Linux, install a Secret Service keyring (GNOME Keyring or KWallet, e.g. `sudo apt-get install gnome-keyring`) and use it from a desktop session that unlocks it; for the database server&apos;s password, ~/.pgpass also works. Until then, passwords are asked for when needed.</source>
        <extracomment>Why passwords cannot be kept on this computer, and how to fix it (hidden when a keyring works).</extracomment>
        <translation>Nenhum porta-chaves do sistema funciona neste computador, por isso as palavras-passe não podem ser guardadas aqui. Em Linux, instale um porta-chaves Secret Service (GNOME Keyring ou KWallet, por exemplo `sudo apt-get install gnome-keyring`) e use-o numa sessão de ambiente de trabalho que o desbloqueie; para a palavra-passe do servidor da base de dados, ~/.pgpass também serve. Até lá, as palavras-passe são pedidas quando forem precisas.</translation>
    </message>
    <message>
        <source>Password storage</source>
        <translation>Guardar palavras-passe</translation>
    </message>
    <message>
        <source>&lt;b&gt;SMS gateway&lt;/b&gt; (leave empty for no SMS)</source>
        <translation>&lt;b&gt;Serviço de SMS&lt;/b&gt; (deixe vazio para não enviar SMS)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>Test number</source>
        <translation>Número de teste</translation>
    </message>
    <message>
        <source>Fill in the mail server first (its name or address).</source>
        <translation>Preencha primeiro o servidor de correio (o nome ou o endereço).</translation>
    </message>
    <message>
        <source>Fill in the sender address first: clients see it as From.</source>
        <translation>Preencha primeiro o endereço do remetente: os clientes veem-no como De.</translation>
    </message>
    <message>
        <source>Test message from the scheduler</source>
        <translation>Mensagem de teste da agenda</translation>
    </message>
    <message>
        <source>If you can read this, reminders by e-mail will reach your clients.</source>
        <translation>Se consegue ler isto, os lembretes por e-mail chegarão aos seus clientes.</translation>
    </message>
    <message>
        <source>Test message sent to {address}.</source>
        <translation>Mensagem de teste enviada para {address}.</translation>
    </message>
    <message>
        <source>Test message from the scheduler: SMS reminders will reach your clients.</source>
        <translation>Mensagem de teste da agenda: os lembretes por SMS chegarão aos seus clientes.</translation>
    </message>
    <message>
        <source>The SMS gateway did not accept the message: {detail}</source>
        <translation>O serviço de SMS não aceitou a mensagem: {detail}</translation>
    </message>
    <message>
        <source>Test SMS sent.</source>
        <translation>SMS de teste enviado.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{clinic} - Scheduler</source>
        <extracomment>File &gt; Reports, once opened. Stops the workers and closes the database (set by the application; a restore needs it). The desk chose another language (the application rebuilds the window in it). The clinic&apos;s settings changed (the application rebuilds the window in them).</extracomment>
        <translation>{clinic} - Agenda</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <extracomment>What the hover checks of the period shown decide on (None until read). The day shown by room rather than by professional (View &gt; Day columns). The rooms of the day shown by room (None until read, or by professional).</extracomment>
        <translation>{name} (inativo)</translation>
    </message>
    <message>
        <source>{period}: {active} active, {all} in all</source>
        <translation>{period} — ativas: {active}; no total: {all}</translation>
    </message>
    <message>
        <source>No professionals yet: add them with Clinic &gt; Professionals.</source>
        <translation>Ainda sem profissionais: adicione-os em Clínica &gt; Profissionais.</translation>
    </message>
    <message>
        <source>{count} open conflicts</source>
        <translation>{count} conflitos em aberto</translation>
    </message>
    <message>
        <source>1 open conflict</source>
        <translation>1 conflito em aberto</translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation>A seguir</translation>
    </message>
    <message>
        <source>{client} with {professional}</source>
        <translation>{client} com {professional}</translation>
    </message>
    <message>
        <source>Coming up at {time}: {who}</source>
        <translation>A seguir, às {time}: {who}</translation>
    </message>
    <message>
        <source>Coming up on {day} at {time}: {who}</source>
        <translation>A seguir, {day} às {time}: {who}</translation>
    </message>
    <message>
        <source>Database reachable again.</source>
        <translation>A base de dados voltou a responder.</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>Base de dados inacessível</translation>
    </message>
    <message>
        <source>The calendar is still loading.</source>
        <translation>O calendário ainda está a carregar.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>A guardar…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Day calendar</source>
        <translation>Calendário do dia</translation>
    </message>
    <message>
        <source>Week calendar</source>
        <translation>Calendário da semana</translation>
    </message>
    <message>
        <source>Month calendar</source>
        <translation>Calendário do mês</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salas</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Month and colours</source>
        <translation>Mês e cores</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Dia mostrado</translation>
    </message>
    <message>
        <source>Summary of the period shown</source>
        <translation>Resumo do período mostrado</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>A carregar</translation>
    </message>
    <message>
        <source>Database connection</source>
        <translation>Ligação à base de dados</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflitos em aberto</translation>
    </message>
    <message>
        <source>Appointments no professional can take since a manager&apos;s forced change: give each a professional or another time.</source>
        <translation>Marcações que nenhum profissional pode atender desde uma alteração forçada por um gestor: atribua a cada uma um profissional ou outra hora.</translation>
    </message>
    <message>
        <source>Held for {client} until {time}; they were asked to call back.</source>
        <translation>Reservado para {client} até às {time}; foi-lhe pedido que ligue de volta.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge a duplicate</source>
        <translation>Juntar um duplicado</translation>
    </message>
    <message>
        <source>Find the duplicate record of {name}. Its appointments, their messages and history move to {name}; details {name} lacks are filled from it. The duplicate is kept, marked as merged, and no longer found.</source>
        <translation>Procure o registo duplicado de {name}. As marcações, as suas mensagens e o histórico passam para {name}; os dados que faltam a {name} são preenchidos a partir dele. O duplicado é mantido, marcado como junto, e deixa de ser encontrado.</translation>
    </message>
    <message>
        <source>Name, phone or e-mail</source>
        <translation>Nome, telefone ou e-mail</translation>
    </message>
    <message>
        <source>Find the duplicate</source>
        <translation>Procurar o duplicado</translation>
    </message>
    <message>
        <source>Clients found</source>
        <translation>Clientes encontrados</translation>
    </message>
    <message>
        <source>Merge into {name}</source>
        <translation>Juntar a {name}</translation>
    </message>
    <message>
        <source>(archived)</source>
        <translation>(arquivado)</translation>
    </message>
    <message>
        <source>No other client matches.</source>
        <translation>Nenhum outro cliente corresponde.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Time not available</source>
        <translation>Hora indisponível</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Estado não alterado</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Alterado por outra pessoa</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Não permitido</translation>
    </message>
    <message>
        <source>Schedule busy</source>
        <translation>Agenda ocupada</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>Base de dados inacessível</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Não encontrado</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Não feito</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>+{count} more</source>
        <extracomment>The days the whole clinic is closed, with what they say.</extracomment>
        <translation>+{count} mais</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Waits for a mail server: set one up in Clinic &gt; E-mail and SMS settings.</source>
        <translation>Aguarda um servidor de correio: configure-o em Clínica &gt; Definições de e-mail e SMS.</translation>
    </message>
    <message>
        <source>Waits for an SMS gateway: set one up in Clinic &gt; E-mail and SMS settings.</source>
        <translation>Aguarda um serviço de SMS: configure-o em Clínica &gt; Definições de e-mail e SMS.</translation>
    </message>
    <message>
        <source>The mail server did not answer (nothing listens at its address and port).</source>
        <translation>O servidor de correio não respondeu (nada escuta no endereço e porta indicados).</translation>
    </message>
    <message>
        <source>The mail server did not answer in time.</source>
        <translation>O servidor de correio não respondeu a tempo.</translation>
    </message>
    <message>
        <source>The mail server&apos;s name is not known: check it in the settings.</source>
        <translation>O nome do servidor de correio não é conhecido: verifique-o nas definições.</translation>
    </message>
    <message>
        <source>The mail server refused the user name or password.</source>
        <translation>O servidor de correio recusou o nome de utilizador ou a palavra-passe.</translation>
    </message>
    <message>
        <source>Waiting for a mail server</source>
        <translation>À espera de um servidor de correio</translation>
    </message>
    <message>
        <source>Waiting for an SMS gateway</source>
        <translation>À espera de um serviço de SMS</translation>
    </message>
    <message>
        <source>Waiting to try again</source>
        <translation>À espera de nova tentativa</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Em espera</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>A enviar</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirada</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Notificação push</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>No balcão</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Show notifications</source>
        <translation>Mostrar notificações</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Client, address or subject</source>
        <translation>Cliente, endereço ou assunto</translation>
    </message>
    <message>
        <source>Find notifications</source>
        <translation>Procurar notificações</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Enviar de novo</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Notifications not shown</source>
        <translation>Notificações não mostradas</translation>
    </message>
    <message>
        <source>Not sent again</source>
        <translation>Não reenviada</translation>
    </message>
    <message>
        <source>Not withdrawn</source>
        <translation>Não retirada</translation>
    </message>
</context>
<context>
    <name>OpeningHours</name>
    <message>
        <source>Closed</source>
        <translation>Fechado</translation>
    </message>
    <message>
        <source>Opening hours on {day}</source>
        <translation>Horário de {day}</translation>
    </message>
    <message>
        <source>Monday&apos;s hours on every weekday</source>
        <translation>Horário de segunda-feira em todos os dias úteis</translation>
    </message>
    <message>
        <source>Use Monday&apos;s hours from Tuesday to Friday</source>
        <translation>Usar o horário de segunda-feira de terça a sexta</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Database password</source>
        <translation>Palavra-passe da base de dados</translation>
    </message>
    <message>
        <source>{user} on {host}/{database}</source>
        <translation>{user} em {host}/{database}</translation>
    </message>
    <message>
        <source>the database server</source>
        <translation>o servidor da base de dados</translation>
    </message>
    <message>
        <source>{reason}
Password for {where}:</source>
        <translation>{reason}
Palavra-passe de {where}:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Palavra-passe:</translation>
    </message>
    <message>
        <source>Remember it on this computer</source>
        <translation>Memorizar neste computador</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print</source>
        <extracomment>Day sheets for at most this many days at once. What the List tab shows: (its heading, its rows in their order).</extracomment>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Day sheets: a page per professional</source>
        <translation>Folhas do dia: uma página por profissional</translation>
    </message>
    <message>
        <source>Day overview of the clinic</source>
        <translation>Resumo do dia da clínica</translation>
    </message>
    <message>
        <source>Appointment list, as the List tab shows it</source>
        <translation>Lista de marcações, como o separador Lista a mostra</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>All professionals</source>
        <translation>Todos os profissionais</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Preview...</source>
        <translation>Pré-visualizar...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Guardar como PDF...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Imprimir...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>O último dia vem antes do primeiro.</translation>
    </message>
    <message>
        <source>Print at most {days} days at once.</source>
        <translation>Imprima no máximo {days} dias de cada vez.</translation>
    </message>
    <message>
        <source>Nothing printed</source>
        <translation>Nada impresso</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Pré-visualização da impressão</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}</source>
        <translation>Não é possível escrever {file}: {reason}</translation>
    </message>
    <message>
        <source>Saved as {file}.</source>
        <translation>Guardado como {file}.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Printed on {day} at {time}</source>
        <extracomment>Not on a day sheet: they take no time of the professional.</extracomment>
        <translation>Impresso em {day} às {time}</translation>
    </message>
    <message>
        <source>Online: {link}</source>
        <translation>Online: {link}</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>Local: {place}</translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Sem cliente</translation>
    </message>
    <message>
        <source>1 appointment</source>
        <translation>1 marcação</translation>
    </message>
    <message>
        <source>{count} appointments</source>
        <translation>{count} marcações</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Day sheets</source>
        <translation>Folhas do dia</translation>
    </message>
    <message>
        <source>No appointments to print.</source>
        <translation>Não há marcações para imprimir.</translation>
    </message>
    <message>
        <source>Day sheets {day}</source>
        <translation>Folhas do dia {day}</translation>
    </message>
    <message>
        <source>{day}: {count}, {cancelled} cancelled</source>
        <translation>{day}: {count}, canceladas: {cancelled}</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Marcações</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Day overview</source>
        <translation>Resumo do dia</translation>
    </message>
    <message>
        <source>No appointments.</source>
        <translation>Não há marcações.</translation>
    </message>
    <message>
        <source>Day overview {day}</source>
        <translation>Resumo do dia {day}</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Appointments {what}</source>
        <translation>Marcações {what}</translation>
    </message>
</context>
<context>
    <name>ProfessionalsDialog</name>
    <message>
        <source>Professionals</source>
        <translation>Profissionais</translation>
    </message>
    <message>
        <source>Professionals, in the calendar&apos;s column order</source>
        <extracomment>Working time added meanwhile (see `WorkingTimeDialog.added`). What the last retirement did (shown in the window&apos;s status bar).</extracomment>
        <translation>Profissionais, pela ordem das colunas da agenda</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <source>Retire...</source>
        <translation>Retirar...</translation>
    </message>
    <message>
        <source>Working time...</source>
        <translation>Horário de trabalho...</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>Readmitir</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descer</translation>
    </message>
    <message>
        <source>Takes appointments again, with no end</source>
        <translation>Volta a atender marcações, sem data de fim</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>Subir (Alt+Cima)</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>Descer (Alt+Baixo)</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>O que aconteceu</translation>
    </message>
    <message>
        <source>The calendar shows one column per professional, in this order.</source>
        <translation>A agenda mostra uma coluna por profissional, por esta ordem.</translation>
    </message>
    <message>
        <source>(left)</source>
        <translation>(saiu)</translation>
    </message>
    <message>
        <source>(leaves on {day})</source>
        <translation>(sai em {day})</translation>
    </message>
    <message>
        <source>{name} leaves: {count} of their appointments wait for another professional.</source>
        <translation>{name} sai: {count} das suas marcações aguardam outro profissional.</translation>
    </message>
    <message>
        <source>{count} recorded as a conflict.</source>
        <translation>{count} registadas como conflito.</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>Read-only</source>
        <translation>Só de leitura</translation>
    </message>
    <message>
        <source>Read-only database</source>
        <translation>Base de dados só de leitura</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Week {number}: {first} - {last}</source>
        <translation>Semana {number}: {first} - {last}</translation>
    </message>
    <message>
        <source>Q{quarter} {year}</source>
        <translation>{quarter}.º trimestre de {year}</translation>
    </message>
    <message>
        <source>W{number}, {day}</source>
        <translation>S{number}, {day}</translation>
    </message>
    <message>
        <source>Whole range</source>
        <translation>Todo o período</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <extracomment>Conflicts are the clinic&apos;s: counted on lines of all appointments only.</extracomment>
        <translation>Sem profissional</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>Sem serviço</translation>
    </message>
    <message>
        <source>No room</source>
        <translation>Sem sala</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Sem equipa</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipa</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Marcadas</translation>
    </message>
    <message>
        <source>Undone by the desk</source>
        <translation>Anuladas pela receção</translation>
    </message>
    <message>
        <source>Completed</source>
        <extracomment>Bars of a chart by professional, service, room or team (the table lists them all). Category labels are shown up to this many bars, smaller from this many on. What the chart shows.</extracomment>
        <translation>Concluídas</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Faltas</translation>
    </message>
    <message>
        <source>Still booked</source>
        <translation>Ainda marcadas</translation>
    </message>
    <message>
        <source>No-show rate</source>
        <translation>Taxa de faltas</translation>
    </message>
    <message>
        <source>Cancellation rate</source>
        <translation>Taxa de cancelamento</translation>
    </message>
    <message>
        <source>Late cancellation rate</source>
        <translation>Taxa de cancelamento tardio</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>Ocupação</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Horas de trabalho</translation>
    </message>
    <message>
        <source>Booked hours in working time</source>
        <translation>Horas marcadas no horário de trabalho</translation>
    </message>
    <message>
        <source>Booked hours outside working time</source>
        <translation>Horas marcadas fora do horário de trabalho</translation>
    </message>
    <message>
        <source>Estimated revenue</source>
        <translation>Receita estimada</translation>
    </message>
    <message>
        <source>Actual revenue</source>
        <translation>Receita efetiva</translation>
    </message>
    <message>
        <source>Average value</source>
        <translation>Valor médio</translation>
    </message>
    <message>
        <source>Conflicts opened</source>
        <translation>Conflitos abertos</translation>
    </message>
    <message>
        <source>Reports</source>
        <extracomment>A report was read and shown (or None if it failed or was cancelled).</extracomment>
        <translation>Relatórios</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Ano</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Agrupar por</translation>
    </message>
    <message>
        <source>All appointments</source>
        <translation>Todas as marcações</translation>
    </message>
    <message>
        <source>Chart of</source>
        <translation>Gráfico de</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Marcações</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>Exportar CSV...</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Números</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Booked: every appointment starting in the period, but bookings the desk undid within a minute (counted apart). No-show rate: no-shows / (completed + no-shows). Cancellation rate: cancelled in time / booked; late cancellation rate: cancelled after the booking rules&apos; deadline / booked. Utilisation: hours booked in working time / working hours (professionals: their working time; rooms: opening hours less maintenance, times their capacity; teams and the clinic: their professionals added up); hours booked outside working time are shown apart. Estimated revenue: billable appointments neither cancelled nor missed; actual: billable completed ones; average: actual / completed.</source>
        <translation>Marcadas: todas as marcações que começam no período, exceto as que a receção anulou no próprio minuto (contadas à parte). Taxa de faltas: faltas / (concluídas + faltas). Taxa de cancelamento: canceladas a tempo / marcadas; taxa de cancelamento tardio: canceladas depois do prazo das regras de marcação / marcadas. Ocupação: horas marcadas no horário de trabalho / horas de trabalho (profissionais: o seu horário de trabalho; salas: horário de abertura menos a manutenção, vezes a capacidade; equipas e a clínica: a soma dos seus profissionais); as horas marcadas fora do horário de trabalho aparecem à parte. Receita estimada: marcações faturáveis nem canceladas nem faltadas; real: as faturáveis concluídas; média: real / concluídas.</translation>
    </message>
    <message>
        <source>Cancelled: the report was not read.</source>
        <translation>Cancelado: o relatório não foi lido.</translation>
    </message>
    <message>
        <source>{booked} booked, {completed} completed, no-show rate {no_shows}, cancellation rate {cancelled}; conflicts opened: {conflicts}.</source>
        <translation>Marcadas: {booked}; concluídas: {completed}; taxa de faltas {no_shows}, taxa de cancelamento {cancelled}; conflitos abertos: {conflicts}.</translation>
    </message>
    <message>
        <source>Cancelled late: {late}; bookings undone by the desk: {undone}.</source>
        <translation>Canceladas tarde: {late}; marcações anuladas pela receção: {undone}.</translation>
    </message>
    <message>
        <source>Utilisation {rate}: {inside} of {working} working hours booked; {outside} hours booked outside working time.</source>
        <translation>Ocupação {rate}: {inside} de {working} horas de trabalho marcadas; {outside} horas marcadas fora do horário de trabalho.</translation>
    </message>
    <message>
        <source>Resolved in {hours} hours on average.</source>
        <translation>Resolvidos em {hours} horas, em média.</translation>
    </message>
    <message>
        <source>Appointments per period, {first} - {last}</source>
        <translation>Marcações por período, {first} - {last}</translation>
    </message>
    <message>
        <source>Appointments per professional</source>
        <translation>Marcações por profissional</translation>
    </message>
    <message>
        <source>Cancelled in time</source>
        <translation>Canceladas a tempo</translation>
    </message>
    <message>
        <source>Cancelled late</source>
        <translation>Canceladas tarde</translation>
    </message>
    <message>
        <source>Utilisation per professional</source>
        <translation>Ocupação por profissional</translation>
    </message>
    <message>
        <source>Utilisation per room</source>
        <translation>Ocupação por sala</translation>
    </message>
    <message>
        <source>Utilisation per team</source>
        <translation>Ocupação por equipa</translation>
    </message>
    <message>
        <source>Appointments per service</source>
        <translation>Marcações por serviço</translation>
    </message>
    <message>
        <source>Appointments per room</source>
        <translation>Marcações por sala</translation>
    </message>
    <message>
        <source>Appointments per team</source>
        <translation>Marcações por equipa</translation>
    </message>
    <message>
        <source>Utilisation is not measured per service</source>
        <translation>A ocupação não é medida por serviço</translation>
    </message>
    <message>
        <source>Utilisation per period, {first} - {last}</source>
        <translation>Ocupação por período, {first} - {last}</translation>
    </message>
    <message>
        <source>Utilisation (%)</source>
        <translation>Ocupação (%)</translation>
    </message>
    <message>
        <source>Outside working time (%)</source>
        <translation>Fora do horário de trabalho (%)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Ficheiros CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}</source>
        <translation>Não é possível escrever {file}: {reason}</translation>
    </message>
    <message>
        <source>Saved as {file}.</source>
        <translation>Guardado como {file}.</translation>
    </message>
</context>
<context>
    <name>ResourcesDialog</name>
    <message>
        <source>Room</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Equipamento</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Veículo</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
    <message>
        <source>New room or equipment</source>
        <translation>Nova sala ou equipamento</translation>
    </message>
    <message>
        <source>Room or equipment: {name}</source>
        <translation>Sala ou equipamento: {name}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Room 1</source>
        <translation>Sala 1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>O que é</translation>
    </message>
    <message>
        <source>Treatment room</source>
        <translation>Sala de tratamento</translation>
    </message>
    <message>
        <source>Appointments at once</source>
        <translation>Marcações em simultâneo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Cost per hour</source>
        <translation>Custo por hora</translation>
    </message>
    <message>
        <source>Cost per use</source>
        <translation>Custo por utilização</translation>
    </message>
    <message>
        <source>Specifications</source>
        <translation>Especificações</translation>
    </message>
    <message>
        <source>What it is (services ask for this)</source>
        <translation>O que é (os serviços pedem isto)</translation>
    </message>
    <message>
        <source>per hour, or</source>
        <translation>por hora, ou</translation>
    </message>
    <message>
        <source>per use</source>
        <translation>por utilização</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Custo</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Indisponível</translation>
    </message>
    <message>
        <source>Hours it can be used on {day}</source>
        <translation>Horas em que pode ser usado à {day}</translation>
    </message>
    <message>
        <source>Hours it can be used</source>
        <translation>Horas em que pode ser usado</translation>
    </message>
    <message>
        <source>Leave every day empty to use it whenever the clinic is open.</source>
        <translation>Deixe todos os dias vazios para o usar sempre que a clínica estiver aberta.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write e.g. {example}.</source>
        <translation>“{text}” não é um valor: escreva p. ex. {example}.</translation>
    </message>
    <message>
        <source>Maintenance: {name}</source>
        <translation>Manutenção: {name}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Cleaning, repairs...</source>
        <translation>Limpeza, reparações...</translation>
    </message>
    <message>
        <source>Rooms and equipment</source>
        <translation>Salas e equipamento</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Maintenance...</source>
        <translation>Manutenção...</translation>
    </message>
    <message>
        <source>Maintenance to come</source>
        <translation>Manutenção prevista</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>O que correu mal</translation>
    </message>
    <message>
        <source>A service that needs a kind of room takes a free one when it is booked.</source>
        <translation>Um serviço que precisa de um tipo de sala fica com uma livre quando é marcado.</translation>
    </message>
    <message>
        <source>{name} · {what} · {count} at once</source>
        <translation>{name} · {what} · {count} em simultâneo</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(retirado)</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>Repor</translation>
    </message>
</context>
<context>
    <name>RoomColumns</name>
    <message>
        <source>No room</source>
        <translation>Sem sala</translation>
    </message>
</context>
<context>
    <name>RoomsTab</name>
    <message>
        <source>Maintenance</source>
        <extracomment>A day outside the resource&apos;s own hours.</extracomment>
        <translation>Manutenção</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Indisponível</translation>
    </message>
    <message>
        <source>Hours {ranges}</source>
        <translation>Horário {ranges}</translation>
    </message>
    <message>
        <source>Week shown</source>
        <extracomment>The week was read and shown (for tests and the status bar). A read failed (the user-facing message).</extracomment>
        <translation>Semana mostrada</translation>
    </message>
    <message>
        <source>Rooms and equipment by day</source>
        <translation>Salas e equipamento por dia</translation>
    </message>
    <message>
        <source>No rooms or equipment are set up (Clinic &gt; Rooms and equipment).</source>
        <translation>Não há salas nem equipamento configurados (Clínica &gt; Salas e equipamento).</translation>
    </message>
    <message>
        <source>Week of {day} (reading…)</source>
        <translation>Semana de {day} (a ler…)</translation>
    </message>
    <message>
        <source>Week of {day}</source>
        <translation>Semana de {day}</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Minimum notice</source>
        <translation>Antecedência mínima</translation>
    </message>
    <message>
        <source>How far ahead</source>
        <translation>Com quanta antecedência máxima</translation>
    </message>
    <message>
        <source>Cancellation deadline</source>
        <translation>Prazo de cancelamento</translation>
    </message>
    <message>
        <source>Buffers around appointments</source>
        <translation>Intervalos à volta das marcações</translation>
    </message>
    <message>
        <source>Appointments at once</source>
        <translation>Marcações em simultâneo</translation>
    </message>
    <message>
        <source> (walk-ins excepted)</source>
        <translation> (exceto sem marcação)</translation>
    </message>
    <message>
        <source>Bookings open at most {days} days ahead</source>
        <translation>Marcações abertas no máximo com {days} dias de antecedência</translation>
    </message>
    <message>
        <source>{before} min free before, {after} min after</source>
        <translation>{before} min livres antes, {after} min depois</translation>
    </message>
    <message>
        <source>At most {count} at once</source>
        <translation>No máximo {count} em simultâneo</translation>
    </message>
    <message>
        <source>whole clinic</source>
        <translation>toda a clínica</translation>
    </message>
    <message>
        <source>priority {n}</source>
        <translation>prioridade {n}</translation>
    </message>
    <message>
        <source>(off)</source>
        <translation>(desligada)</translation>
    </message>
    <message>
        <source>New booking rule</source>
        <translation>Nova regra de marcação</translation>
    </message>
    <message>
        <source>Booking rule</source>
        <translation>Regra de marcação</translation>
    </message>
    <message>
        <source>Kind of rule</source>
        <translation>Tipo de regra</translation>
    </message>
    <message>
        <source>Whole clinic</source>
        <translation>Toda a clínica</translation>
    </message>
    <message>
        <source>One professional</source>
        <translation>Um profissional</translation>
    </message>
    <message>
        <source>One service</source>
        <translation>Um serviço</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Walk-ins (now) are excepted</source>
        <translation>Quem chega sem marcação (agora) fica excluído</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>Dias de antecedência</translation>
    </message>
    <message>
        <source>Allowed, marked late</source>
        <translation>Permitidos, marcados como tardios</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Recusados</translation>
    </message>
    <message>
        <source>Later cancellations</source>
        <translation>Cancelamentos mais tardios</translation>
    </message>
    <message>
        <source>Free before, in minutes</source>
        <translation>Livre antes, em minutos</translation>
    </message>
    <message>
        <source>Free after, in minutes</source>
        <translation>Livre depois, em minutos</translation>
    </message>
    <message>
        <source>At most at once</source>
        <translation>No máximo em simultâneo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Em uso</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Antecedência</translation>
    </message>
    <message>
        <source>Book at least {lead} ahead</source>
        <translation>Marcar com pelo menos {lead} de antecedência</translation>
    </message>
    <message>
        <source>Cancel at least {lead} ahead, or it is refused</source>
        <translation>Cancelar com pelo menos {lead} de antecedência, senão é recusado</translation>
    </message>
    <message>
        <source>Cancel at least {lead} ahead, or it is marked late</source>
        <translation>Cancelar com pelo menos {lead} de antecedência, senão fica tardio</translation>
    </message>
    <message>
        <source>e.g. 2 hours, or 1 day</source>
        <translation>p. ex. 2 horas, ou 1 dia</translation>
    </message>
    <message>
        <source>Free before</source>
        <translation>Livre antes</translation>
    </message>
    <message>
        <source>Free after</source>
        <translation>Livre depois</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Válida</translation>
    </message>
    <message>
        <source>Of the rules that apply to an appointment, the highest priority wins; on equal priority, a professional&apos;s or a service&apos;s wins over the clinic&apos;s.</source>
        <translation>Das regras que se aplicam a uma marcação, vence a de maior prioridade; com prioridade igual, a de um profissional ou de um serviço vence a da clínica.</translation>
    </message>
    <message>
        <source>Give one length of time, e.g. 2 hours.</source>
        <translation>Indique uma só duração, p. ex. 2 horas.</translation>
    </message>
    <message>
        <source>Booking rules</source>
        <translation>Regras de marcação</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>Desligar</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>O que correu mal</translation>
    </message>
    <message>
        <source>Rules apply to bookings, moves and cancellations from now on. A manager may book past them, or outside working hours, with a reason.</source>
        <translation>As regras aplicam-se a marcações, mudanças e cancelamentos a partir de agora. Um gestor pode marcar para além delas, ou fora do horário de trabalho, indicando o motivo.</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>Ligar</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Repeat appointment</source>
        <translation>Repetir marcação</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Diariamente</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Semanalmente</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Mensalmente</translation>
    </message>
    <message>
        <source>Repeat every</source>
        <translation>Repetir a cada</translation>
    </message>
    <message>
        <source>In the month</source>
        <translation>No mês</translation>
    </message>
    <message>
        <source>&amp;Number of times</source>
        <translation>&amp;Número de vezes</translation>
    </message>
    <message>
        <source>Number of times</source>
        <translation>Número de vezes</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>A&amp;té</translation>
    </message>
    <message>
        <source>Last date</source>
        <translation>Última data</translation>
    </message>
    <message>
        <source>The rule in words</source>
        <translation>A regra por extenso</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>&amp;Repete</translation>
    </message>
    <message>
        <source>&amp;Every</source>
        <translation>A &amp;cada</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Em</translation>
    </message>
    <message>
        <source>In the &amp;month</source>
        <translation>No &amp;mês</translation>
    </message>
    <message>
        <source>&amp;Check the dates...</source>
        <translation>&amp;Verificar as datas...</translation>
    </message>
    <message>
        <source>on day {n}</source>
        <translation>no dia {n}</translation>
    </message>
    <message>
        <source>{rule}: 1 appointment</source>
        <translation>{rule}: 1 marcação</translation>
    </message>
    <message>
        <source>{rule}: {n} appointments</source>
        <translation>{rule}: {n} marcações</translation>
    </message>
</context>
<context>
    <name>SeriesMoveDialog</name>
    <message>
        <source>Change every date of the series</source>
        <translation>Alterar todas as datas da série</translation>
    </message>
    <message>
        <source>Every date of this series still to come takes the new time on its own day, the new length and the professional.</source>
        <translation>Cada data desta série que ainda falta passa para a nova hora no seu próprio dia, com a nova duração e o profissional.</translation>
    </message>
    <message>
        <source>Change this and the following dates</source>
        <translation>Alterar esta e as datas seguintes</translation>
    </message>
    <message>
        <source>From {day} on, every date of this series still to come takes the new time on its own day, the new length and the professional.</source>
        <translation>A partir de {day}, cada data desta série que ainda falta passa para a nova hora no seu próprio dia, com a nova duração e o profissional.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>New &amp;time</source>
        <translation>Nova &amp;hora</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>&amp;Duração</translation>
    </message>
    <message>
        <source>&amp;Professional</source>
        <translation>&amp;Profissional</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
</context>
<context>
    <name>SeriesPage</name>
    <message>
        <source>Repeats</source>
        <translation>Repete</translation>
    </message>
    <message>
        <source>Dates of the series</source>
        <translation>Datas da série</translation>
    </message>
    <message>
        <source>Repeats {rule}.</source>
        <translation>Repete {rule}.</translation>
    </message>
    <message>
        <source>{day} {time}: {status}</source>
        <translation>{day} {time}: {status}</translation>
    </message>
</context>
<context>
    <name>SeriesReport</name>
    <message>
        <source>Book the series</source>
        <extracomment>Books the report with the chosen alternatives (raises `SchedulerError`).</extracomment>
        <translation>Marcar a série</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>O que aconteceu</translation>
    </message>
    <message>
        <source>Dates of the series</source>
        <translation>Datas da série</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Free?</source>
        <translation>Livre?</translation>
    </message>
    <message>
        <source>Instead (tick to book)</source>
        <translation>Em alternativa (assinale para marcar)</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Marcar</translation>
    </message>
    <message>
        <source>Book &amp;none</source>
        <translation>&amp;Não marcar nenhuma</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>{day} {time} {who}</source>
        <translation>{day} {time} {who}</translation>
    </message>
    <message>
        <source>No free time near it</source>
        <translation>Nenhum horário livre perto</translation>
    </message>
    <message>
        <source>Free: {free} · refused: {refused} · alternatives ticked: {chosen}</source>
        <translation>Livres: {free} · recusadas: {refused} · alternativas assinaladas: {chosen}</translation>
    </message>
    <message>
        <source>&amp;Book 1 appointment</source>
        <translation>&amp;Marcar 1 marcação</translation>
    </message>
    <message>
        <source>&amp;Book {n} appointments</source>
        <translation>&amp;Marcar {n} marcações</translation>
    </message>
    <message>
        <source>The schedule changed since these dates were checked: nothing was booked. Here they are as they are now.</source>
        <translation>A agenda mudou desde que estas datas foram verificadas: nada foi marcado. Aqui estão como estão agora.</translation>
    </message>
</context>
<context>
    <name>SeriesWords</name>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} e {last}</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>todos os dias</translation>
    </message>
    <message>
        <source>every {n} days</source>
        <translation>a cada {n} dias</translation>
    </message>
    <message>
        <source>every {days}</source>
        <translation>todas as semanas ({days})</translation>
    </message>
    <message>
        <source>every {n} weeks on {days}</source>
        <translation>a cada {n} semanas ({days})</translation>
    </message>
    <message>
        <source>every month on day {days}</source>
        <translation>todos os meses no dia {days}</translation>
    </message>
    <message>
        <source>on the first {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no primeiro {day}</translation>
    </message>
    <message>
        <source>on the second {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no segundo {day}</translation>
    </message>
    <message>
        <source>on the third {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no terceiro {day}</translation>
    </message>
    <message>
        <source>on the fourth {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no quarto {day}</translation>
    </message>
    <message>
        <source>on the fifth {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no quinto {day}</translation>
    </message>
    <message>
        <source>on the last {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no último {day}</translation>
    </message>
    <message>
        <source>on the second to last {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no penúltimo {day}</translation>
    </message>
    <message>
        <source>on the third to last {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no antepenúltimo {day}</translation>
    </message>
    <message>
        <source>on the fourth to last {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no quarto {day} a contar do fim</translation>
    </message>
    <message>
        <source>on the fifth to last {day}</source>
        <comment>Saturday or Sunday</comment>
        <translation>no quinto {day} a contar do fim</translation>
    </message>
    <message>
        <source>on the first {day}</source>
        <translation>na primeira {day}</translation>
    </message>
    <message>
        <source>on the second {day}</source>
        <translation>na segunda {day}</translation>
    </message>
    <message>
        <source>on the third {day}</source>
        <translation>na terceira {day}</translation>
    </message>
    <message>
        <source>on the fourth {day}</source>
        <translation>na quarta {day}</translation>
    </message>
    <message>
        <source>on the fifth {day}</source>
        <translation>na quinta {day}</translation>
    </message>
    <message>
        <source>on the last {day}</source>
        <translation>na última {day}</translation>
    </message>
    <message>
        <source>on the second to last {day}</source>
        <translation>na penúltima {day}</translation>
    </message>
    <message>
        <source>on the third to last {day}</source>
        <translation>na antepenúltima {day}</translation>
    </message>
    <message>
        <source>on the fourth to last {day}</source>
        <translation>na quarta {day} a contar do fim</translation>
    </message>
    <message>
        <source>on the fifth to last {day}</source>
        <translation>na quinta {day} a contar do fim</translation>
    </message>
    <message>
        <source>the first</source>
        <translation>o primeiro</translation>
    </message>
    <message>
        <source>the second</source>
        <translation>o segundo</translation>
    </message>
    <message>
        <source>the third</source>
        <translation>o terceiro</translation>
    </message>
    <message>
        <source>the fourth</source>
        <translation>o quarto</translation>
    </message>
    <message>
        <source>the fifth</source>
        <translation>o quinto</translation>
    </message>
    <message>
        <source>the last</source>
        <translation>o último</translation>
    </message>
    <message>
        <source>the second to last</source>
        <translation>o penúltimo</translation>
    </message>
    <message>
        <source>the third to last</source>
        <translation>o antepenúltimo</translation>
    </message>
    <message>
        <source>the fourth to last</source>
        <translation>o quarto a contar do fim</translation>
    </message>
    <message>
        <source>the fifth to last</source>
        <translation>o quinto a contar do fim</translation>
    </message>
    <message>
        <source>every month {places}</source>
        <translation>todos os meses {places}</translation>
    </message>
    <message>
        <source>every {n} months {places}</source>
        <translation>a cada {n} meses {places}</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>todos os meses</translation>
    </message>
    <message>
        <source>every {n} months</source>
        <translation>a cada {n} meses</translation>
    </message>
    <message>
        <source>day {days}</source>
        <translation>dia {days}</translation>
    </message>
    <message>
        <source>{every} (of the days on {days}: {which})</source>
        <translation>{every} (dos dias {days}: {which})</translation>
    </message>
    <message>
        <source>every {n} months on day {days}</source>
        <translation>a cada {n} meses no dia {days}</translation>
    </message>
    <message>
        <source>(on {days})</source>
        <translation>({days})</translation>
    </message>
    <message>
        <source>(on day {days})</source>
        <translation>(no dia {days})</translation>
    </message>
    <message>
        <source>{every} at {time}</source>
        <translation>{every} às {time}</translation>
    </message>
    <message>
        <source>{text} until {day}</source>
        <translation>{text} até {day}</translation>
    </message>
    <message>
        <source>{text}, once</source>
        <translation>{text}, uma vez</translation>
    </message>
    <message>
        <source>{text}, {n} times</source>
        <translation>{text}, {n} vezes</translation>
    </message>
    <message>
        <source> (except {days})</source>
        <translation> (exceto {days})</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>Database server</source>
        <translation>Servidor da base de dados</translation>
    </message>
    <message>
        <source>Only this computer (the schedule is kept here)</source>
        <translation>Só este computador (a agenda fica aqui)</translation>
    </message>
    <message>
        <source>A shared server, for several desks (PostgreSQL)</source>
        <translation>Um servidor partilhado, para vários balcões (PostgreSQL)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de dados</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilizador</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhuma</translation>
    </message>
    <message>
        <source>When the server offers it</source>
        <translation>Quando o servidor a oferece</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Sempre</translation>
    </message>
    <message>
        <source>Always, checking the server&apos;s certificate</source>
        <translation>Sempre, verificando o certificado do servidor</translation>
    </message>
    <message>
        <source>Always, checking the certificate and the server&apos;s name</source>
        <translation>Sempre, verificando o certificado e o nome do servidor</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>How the connection is encrypted; ask whoever runs the server</source>
        <translation>Como a ligação é cifrada; pergunte a quem gere o servidor</translation>
    </message>
    <message>
        <source>leave empty to be asked when the desk starts</source>
        <translation>deixe vazio para ser pedida ao iniciar</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>Remember the password on this computer</source>
        <translation>Memorizar a palavra-passe neste computador</translation>
    </message>
    <message>
        <source>Shared server</source>
        <translation>Servidor partilhado</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de dados:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilizador:</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Cifra:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Palavra-passe:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar ligação</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>The desk uses the new setting from its next start.</source>
        <translation>O balcão usa a nova definição a partir do próximo arranque.</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>A ligar...</translation>
    </message>
    <message>
        <source>Not usable yet:
{report}</source>
        <translation>Ainda não utilizável:
{report}</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <source>Server connection</source>
        <extracomment>How long the desk waits before each new try while the server is unreachable. What a period never read shows while the server cannot be reached. When the period shown was last read (None: not yet). The period the calendar shows (None: none yet). The desk&apos;s change actions, greyed out while the server cannot be reached (made when it first is: the window&apos;s actions exist by then).</extracomment>
        <translation>Ligação ao servidor</translation>
    </message>
    <message>
        <source>Server unreachable — showing what was loaded at {time}; changes are paused.</source>
        <translation>Servidor inacessível — a mostrar o que foi carregado às {time}; as alterações estão em pausa.</translation>
    </message>
    <message>
        <source>The desk tries again by itself and reloads then.</source>
        <translation>O posto volta a tentar sozinho e recarrega nessa altura.</translation>
    </message>
    <message>
        <source>Server unreachable — this period was not loaded before; changes are paused.</source>
        <translation>Servidor inacessível — este período não tinha sido carregado; as alterações estão em pausa.</translation>
    </message>
    <message>
        <source>The server answers again: the schedule is current.</source>
        <translation>O servidor voltou a responder: a agenda está atualizada.</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Não carregado</translation>
    </message>
</context>
<context>
    <name>ServicesDialog</name>
    <message>
        <source>New service</source>
        <translation>Novo serviço</translation>
    </message>
    <message>
        <source>Service: {name}</source>
        <translation>Serviço: {name}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Length in minutes</source>
        <translation>Duração em minutos</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <source>The clinic&apos;s: {times}</source>
        <translation>Os da clínica: {times}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Reminders before</source>
        <translation>Lembretes antes</translation>
    </message>
    <message>
        <source>Offered (can be booked)</source>
        <translation>Oferecido (pode ser marcado)</translation>
    </message>
    <message>
        <source>Needs a room or equipment</source>
        <translation>Precisa de sala ou equipamento</translation>
    </message>
    <message>
        <source>Nothing besides a professional</source>
        <translation>Nada além de um profissional</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>Quantos</translation>
    </message>
    <message>
        <source>Skills it needs</source>
        <translation>Competências necessárias</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>Prestado por</translation>
    </message>
    <message>
        <source>Anyone (no team)</source>
        <translation>Qualquer pessoa (sem equipa)</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Precisa de</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write e.g. {example}.</source>
        <translation>“{text}” não é um valor: escreva p. ex. {example}.</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Serviços</translation>
    </message>
    <message>
        <source>Services, in the desk&apos;s order</source>
        <translation>Serviços, pela ordem da receção</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descer</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>Subir (Alt+Cima)</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>Descer (Alt+Baixo)</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>O que correu mal</translation>
    </message>
    <message>
        <source>Retired services are no longer offered; past appointments keep them.</source>
        <translation>Os serviços retirados deixam de ser oferecidos; as marcações passadas mantêm-nos.</translation>
    </message>
    <message>
        <source>{name} · {minutes} min · {price}</source>
        <translation>{name} · {minutes} min · {price}</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(retirado)</translation>
    </message>
    <message>
        <source>Offer again</source>
        <translation>Oferecer de novo</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Appointments keep their moment in time; the times shown follow the new zone. The first of the {count} appointments to come, on {day} at {before} in {old}, will show on {new_day} at {after} in {new}.

Use {new} from now on?</source>
        <translation>As marcações mantêm o seu momento no tempo; as horas mostradas seguem o novo fuso. A primeira das {count} marcações futuras, em {day} às {before} em {old}, passará a aparecer em {new_day} às {after} em {new}.

Usar {new} a partir de agora?</translation>
    </message>
    <message>
        <source>Clinic settings</source>
        <translation>Definições da clínica</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nome da clínica</translation>
    </message>
    <message>
        <source>Grid step</source>
        <translation>Intervalo da grelha</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Default length in minutes</source>
        <translation>Duração predefinida em minutos</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <source>e.g. 1 day, 2 hours (none when empty)</source>
        <translation>p. ex. 1 dia, 2 horas (nenhum se vazio)</translation>
    </message>
    <message>
        <source>Reminders before each appointment</source>
        <translation>Lembretes antes de cada marcação</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>How far ahead a series may reach, in days</source>
        <translation>Até quantos dias à frente pode ir uma série</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Default length</source>
        <translation>Duração predefinida</translation>
    </message>
    <message>
        <source>Reminders before</source>
        <translation>Lembretes antes</translation>
    </message>
    <message>
        <source>Series reach at most</source>
        <translation>Séries vão no máximo até</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horário de funcionamento</translation>
    </message>
    <message>
        <source>Several ranges a day are separated by commas; leave a day empty when closed.</source>
        <translation>Vários intervalos num dia separam-se por vírgulas; deixe vazio um dia em que está fechado.</translation>
    </message>
    <message>
        <source>Unknown time zone {zone}: choose one from the list.</source>
        <translation>Fuso horário desconhecido {zone}: escolha um da lista.</translation>
    </message>
    <message>
        <source>Change the time zone?</source>
        <translation>Alterar o fuso horário?</translation>
    </message>
    <message>
        <source>Change the time zone</source>
        <translation>Alterar o fuso horário</translation>
    </message>
    <message>
        <source>Keep {zone}</source>
        <translation>Manter {zone}</translation>
    </message>
</context>
<context>
    <name>SetupDialogs</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Add professional</source>
        <translation>Adicionar profissional</translation>
    </message>
    <message>
        <source>Professional: {name}</source>
        <translation>Profissional: {name}</translation>
    </message>
    <message>
        <source>Title or specialty</source>
        <translation>Título ou especialidade</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Competências</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Novo cliente</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Colour legend</source>
        <extracomment>The statuses drawn in the calendars (cancelled ones are only listed).</extracomment>
        <translation>Legenda das cores</translation>
    </message>
    <message>
        <source>Colours: professional</source>
        <translation>Cores: profissional</translation>
    </message>
    <message>
        <source>Colours: service</source>
        <translation>Cores: serviço</translation>
    </message>
    <message>
        <source>Colours: status</source>
        <translation>Cores: estado</translation>
    </message>
    <message>
        <source>Others: by status</source>
        <translation>Restantes: pelo estado</translation>
    </message>
    <message>
        <source>Month to choose a day from</source>
        <translation>Mês para escolher um dia</translation>
    </message>
    <message>
        <source>Days of the month</source>
        <translation>Dias do mês</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>Mês anterior</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Mês seguinte</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Ano</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Sign in to the clinic&apos;s schedule.</source>
        <translation>Entre na agenda da clínica.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome de utilizador</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Palavra-passe</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nova palavra-passe</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nova palavra-passe novamente</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nome de utilizador:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Palavra-passe:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nova palavra-passe:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Novamente:</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>As duas novas palavras-passe são diferentes.</translation>
    </message>
    <message>
        <source>An administrator reset your password: please choose a new one.</source>
        <translation>Um administrador repôs a sua palavra-passe: escolha uma nova.</translation>
    </message>
</context>
<context>
    <name>SkillsField</name>
    <message>
        <source>Skills</source>
        <translation>Competências</translation>
    </message>
    <message>
        <source>Such as Manual therapy, Paediatrics</source>
        <translation>Por exemplo Terapia manual, Pediatria</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Reception</source>
        <translation>Receção</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gestor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>New staff account</source>
        <translation>Nova conta da equipa</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Palavra-passe temporária</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nome de utilizador:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nome completo:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Função:</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Palavra-passe temporária:</translation>
    </message>
    <message>
        <source>Tell the person this password: they choose their own when they first sign in.</source>
        <translation>Diga esta palavra-passe à pessoa: ela escolhe a sua ao entrar pela primeira vez.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Equipa</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome de utilizador</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Última entrada</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Desativar</translation>
    </message>
    <message>
        <source>Reset password...</source>
        <translation>Repor palavra-passe...</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Is professional:</source>
        <translation>É o profissional:</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Single-user mode: one person, no sign-in at this clinic</source>
        <translation>Modo de utilizador único: uma pessoa, sem entrada nesta clínica</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Lock an idle desk after:</source>
        <translation>Bloquear um posto inativo após:</translation>
    </message>
    <message>
        <source>Least role to assign professionals:</source>
        <translation>Função mínima para atribuir profissionais:</translation>
    </message>
    <message>
        <source>Least role to confirm appointments:</source>
        <translation>Função mínima para confirmar marcações:</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Ativar</translation>
    </message>
    <message>
        <source>Account added.</source>
        <translation>Conta adicionada.</translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation>Função alterada.</translation>
    </message>
    <message>
        <source>Account enabled.</source>
        <translation>Conta ativada.</translation>
    </message>
    <message>
        <source>Account disabled.</source>
        <translation>Conta desativada.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Repor palavra-passe</translation>
    </message>
    <message>
        <source>A temporary password for {name} (changed at their next sign-in):</source>
        <translation>Uma palavra-passe temporária para {name} (alterada na próxima entrada):</translation>
    </message>
    <message>
        <source>Password reset: it must be changed at the next sign-in.</source>
        <translation>Palavra-passe reposta: tem de ser alterada na próxima entrada.</translation>
    </message>
    <message>
        <source>Account unlocked.</source>
        <translation>Conta desbloqueada.</translation>
    </message>
    <message>
        <source>Professional linked.</source>
        <translation>Profissional associado.</translation>
    </message>
    <message>
        <source>Sign-in settings saved.</source>
        <translation>Definições de entrada guardadas.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desativada</translation>
    </message>
    <message>
        <source>locked out</source>
        <translation>bloqueada</translation>
    </message>
    <message>
        <source>no password yet</source>
        <translation>ainda sem palavra-passe</translation>
    </message>
    <message>
        <source>new password at next sign-in</source>
        <translation>nova palavra-passe na próxima entrada</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativa</translation>
    </message>
</context>
<context>
    <name>StaffMenu</name>
    <message>
        <source>Staff...</source>
        <translation>Equipa...</translation>
    </message>
    <message>
        <source>Audit trail...</source>
        <translation>Registo de auditoria...</translation>
    </message>
    <message>
        <source>Only an administrator manages staff.</source>
        <translation>Só um administrador gere a equipa.</translation>
    </message>
    <message>
        <source>Only a manager or an administrator reads the audit trail.</source>
        <translation>Só um gestor ou um administrador lê o registo de auditoria.</translation>
    </message>
    <message>
        <source>&amp;Staff</source>
        <translation>&amp;Equipa</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Sessão de {name}</translation>
    </message>
    <message>
        <source>Change password...</source>
        <translation>Alterar palavra-passe...</translation>
    </message>
    <message>
        <source>Lock the desk</source>
        <translation>Bloquear o posto</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Alterar palavra-passe</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Palavra-passe atual</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nova palavra-passe</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nova palavra-passe novamente</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Palavra-passe atual:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nova palavra-passe:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Novamente:</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>As duas novas palavras-passe são diferentes.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Palavra-passe alterada.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the schedule</source>
        <extracomment>Set to make the app print when its windows appear and then quit (startup benchmark). Worker threads at least (reads, saves, reports, exports at once).</extracomment>
        <translation>A abrir a agenda</translation>
    </message>
    <message>
        <source>Opening the schedule...</source>
        <translation>A abrir a agenda...</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Pending</source>
        <extracomment>Languages a desk can choose (&quot;&quot; follows the system); the names are written in their own language, as language menus do. The country whose conventions a chosen language brings when the system speaks another one (the Portuguese translation is European Portuguese).</extracomment>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Faltou</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
</context>
<context>
    <name>StatusRules</name>
    <message>
        <source>Select an appointment first.</source>
        <translation>Selecione primeiro uma marcação.</translation>
    </message>
    <message>
        <source>It is already {status}.</source>
        <translation>Já está {status}.</translation>
    </message>
    <message>
        <source>A {status} appointment cannot change this way.</source>
        <translation>Uma marcação no estado “{status}” não pode mudar assim.</translation>
    </message>
    <message>
        <source>Assign a professional before confirming.</source>
        <translation>Atribua um profissional antes de confirmar.</translation>
    </message>
    <message>
        <source>Only today&apos;s appointments can be checked in.</source>
        <translation>Só se regista a chegada às marcações de hoje.</translation>
    </message>
    <message>
        <source>It has not started yet (it starts at {time} on {day}).</source>
        <translation>Ainda não começou (começa às {time} de {day}).</translation>
    </message>
</context>
<context>
    <name>TeamsDialog</name>
    <message>
        <source>Member</source>
        <translation>Membro</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Responsável</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gestor</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordenador</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d}</source>
        <translation>{hours} h {minutes:02d}</translation>
    </message>
    <message>
        <source>New team</source>
        <translation>Nova equipa</translation>
    </message>
    <message>
        <source>Team: {name}</source>
        <translation>Equipa: {name}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Member of {team}</source>
        <translation>Membro de {team}</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>Certifications</source>
        <translation>Certificações</translation>
    </message>
    <message>
        <source>Such as BLS until 2027</source>
        <translation>Por exemplo SBV até 2027</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Hours a week at most</source>
        <translation>Máximo de horas por semana</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Equipas</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membros</translation>
    </message>
    <message>
        <source>Hours a week</source>
        <translation>Horas por semana</translation>
    </message>
    <message>
        <source>Booked this week</source>
        <translation>Marcado esta semana</translation>
    </message>
    <message>
        <source>Add team...</source>
        <translation>Adicionar equipa...</translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation>Mudar o nome...</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Add member...</source>
        <translation>Adicionar membro...</translation>
    </message>
    <message>
        <source>Edit member...</source>
        <translation>Editar membro...</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remover membro</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>O que correu mal</translation>
    </message>
    <message>
        <source>A service given by a team (Clinic &gt; Services) goes only to its members. Hours past a member&apos;s limit are marked, not refused.</source>
        <translation>Um serviço prestado por uma equipa (Clínica &gt; Serviços) só vai para os seus membros. As horas acima do limite de um membro são assinaladas, não recusadas.</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(retirada)</translation>
    </message>
    <message>
        <source>{booked} — over the limit</source>
        <translation>{booked} — acima do limite</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>Repor</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Booking confirmation</source>
        <translation>Confirmação da marcação</translation>
    </message>
    <message>
        <source>Appointment changed</source>
        <translation>Marcação alterada</translation>
    </message>
    <message>
        <source>Changed by the clinic (time or professional)</source>
        <translation>Alterada pela clínica (hora ou profissional)</translation>
    </message>
    <message>
        <source>Appointment cancelled</source>
        <translation>Marcação cancelada</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Lembrete</translation>
    </message>
    <message>
        <source>A freed time held for a waiting client</source>
        <translation>Uma hora libertada reservada para um cliente em espera</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>No balcão</translation>
    </message>
    <message>
        <source>the client&apos;s name</source>
        <translation>o nome do cliente</translation>
    </message>
    <message>
        <source>the professional&apos;s name (or &apos;our team&apos;)</source>
        <translation>o nome do profissional (ou &apos;a nossa equipa&apos;)</translation>
    </message>
    <message>
        <source>the service booked</source>
        <translation>o serviço marcado</translation>
    </message>
    <message>
        <source>the day, e.g. Tue 03 Mar 2026</source>
        <translation>o dia, p. ex. Tue 03 Mar 2026</translation>
    </message>
    <message>
        <source>the start time, e.g. 10:30</source>
        <translation>a hora de início, p. ex. 10:30</translation>
    </message>
    <message>
        <source>where it takes place</source>
        <translation>onde decorre</translation>
    </message>
    <message>
        <source>the video link of a virtual appointment</source>
        <translation>a ligação de vídeo de uma marcação online</translation>
    </message>
    <message>
        <source>the clinic&apos;s name</source>
        <translation>o nome da clínica</translation>
    </message>
    <message>
        <source>until when a freed time is held, e.g. Tue 03 Mar 14:30</source>
        <translation>até quando uma hora libertada fica reservada, p. ex. ter 03 mar 14:30</translation>
    </message>
    <message>
        <source>Message templates</source>
        <translation>Modelos de mensagem</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Enviada por</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Placeholders: {list}</source>
        <translation>Campos: {list}</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações por guardar</translation>
    </message>
    <message>
        <source>The wording of “{message}” has changed. Save the changes first?</source>
        <translation>O texto de “{message}” foi alterado. Guardar primeiro as alterações?</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar alterações</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Descartar alterações</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuar a editar</translation>
    </message>
    <message>
        <source>Saved. New messages use this wording.</source>
        <translation>Guardado. As novas mensagens usam este texto.</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Daily</source>
        <translation>Diário</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Semanal</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Mensal</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Anual</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>“{text}” are not dates: write e.g. {example}.</source>
        <translation>“{text}” não são datas: escreva p. ex. {example}.</translation>
    </message>
    <message>
        <source>{days} · every other week</source>
        <translation>{days} · semana sim, semana não</translation>
    </message>
    <message>
        <source>Every {n} days ({days})</source>
        <translation>A cada {n} dias ({days})</translation>
    </message>
    <message>
        <source>Days {days} of the month</source>
        <translation>Dias {days} do mês</translation>
    </message>
    <message>
        <source>Every year on {days}</source>
        <translation>Todos os anos a {days}</translation>
    </message>
    <message>
        <source>{n} dates: {days}</source>
        <translation>{n} datas: {days}</translation>
    </message>
    <message>
        <source>notice {lead}</source>
        <translation>antecedência {lead}</translation>
    </message>
    <message>
        <source>up to {n} days ahead</source>
        <translation>até {n} dias antes</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(predefinido)</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(inativo)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repete</translation>
    </message>
    <message>
        <source>e.g. {amount} (none: leave empty)</source>
        <translation>p. ex. {amount} (sem preço: deixe vazio)</translation>
    </message>
    <message>
        <source>What a session in this pattern is quoted at, for reference: bookings keep the price of their service.</source>
        <translation>O preço de uma sessão neste horário, como referência: as marcações mantêm o preço do seu serviço.</translation>
    </message>
    <message>
        <source>e.g. 2 hours (none: empty)</source>
        <translation>p. ex. 2 horas (nenhuma: vazio)</translation>
    </message>
    <message>
        <source>Minimum notice</source>
        <translation>Antecedência mínima</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Booked at most</source>
        <translation>Marcado no máximo com</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Antecedência</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>No máximo</translation>
    </message>
    <message>
        <source>Copying the template writes its notice and how far ahead it can be booked as the professional&apos;s booking rules for the period. The price is for reference: bookings keep the price of their service.</source>
        <translation>Copiar o modelo grava a sua antecedência mínima e o máximo de dias para marcar como regras de marcação do profissional para o período. O preço é uma referência: as marcações mantêm o preço do seu serviço.</translation>
    </message>
    <message>
        <source>week(s): 2 fills the A or B weeks</source>
        <translation>semana(s): 2 preenche as semanas A ou B</translation>
    </message>
    <message>
        <source>day(s)</source>
        <translation>dia(s)</translation>
    </message>
    <message>
        <source>Days of the month, e.g. 1, 15, 31</source>
        <translation>Dias do mês, p. ex. 1, 15, 31</translation>
    </message>
    <message>
        <source>Day/month, e.g. 24/12, 31/12</source>
        <translation>Dia/mês, p. ex. 24/12, 31/12</translation>
    </message>
    <message>
        <source>Dates, e.g. 12/12/2026, 19/12/2026</source>
        <translation>Datas, p. ex. 12/12/2026, 19/12/2026</translation>
    </message>
    <message>
        <source>“{text}” is not a price: write e.g. {example}.</source>
        <translation>“{text}” não é um preço: escreva p. ex. {example}.</translation>
    </message>
    <message>
        <source>Give one length of time, e.g. 2 hours.</source>
        <translation>Indique uma só duração, p. ex. 2 horas.</translation>
    </message>
    <message>
        <source>Schedule templates</source>
        <translation>Modelos de horário</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>Nome do modelo</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Começa</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Break starts</source>
        <translation>Início da pausa</translation>
    </message>
    <message>
        <source>Break ends</source>
        <translation>Fim da pausa</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Default length</source>
        <translation>Duração predefinida</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source>Maximum capacity</source>
        <translation>Capacidade máxima</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predefinido</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Guardar modelo</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desativar</translation>
    </message>
    <message>
        <source>Whose plan</source>
        <translation>Plano de quem</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>until</source>
        <translation>até</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Which weeks</source>
        <translation>Que semanas</translation>
    </message>
    <message>
        <source>weeks like the first</source>
        <translation>semanas como a primeira</translation>
    </message>
    <message>
        <source>A weeks</source>
        <translation>Semanas A</translation>
    </message>
    <message>
        <source>B weeks</source>
        <translation>Semanas B</translation>
    </message>
    <message>
        <source>A template every other week fills one week of the plan&apos;s A/B pair: the weeks like the period&apos;s first one, or the A or B weeks.</source>
        <translation>Um modelo de semana sim, semana não preenche uma semana do par A/B do plano: as semanas como a primeira do período, ou as semanas A ou B.</translation>
    </message>
    <message>
        <source>Copy into the plan</source>
        <translation>Copiar para o plano</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Repeats every</source>
        <translation>Repete a cada</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dias</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Datas</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Marcações</translation>
    </message>
    <message>
        <source>Copy into a professional&apos;s plan</source>
        <translation>Copiar para o plano de um profissional</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Ativar</translation>
    </message>
    <message>
        <source>Template {name} saved.</source>
        <translation>Modelo {name} guardado.</translation>
    </message>
    <message>
        <source>Choose a template and a professional first.</source>
        <translation>Escolha primeiro um modelo e um profissional.</translation>
    </message>
</context>
<context>
    <name>Today</name>
    <message>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Atrasado</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Em curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Faltou</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Chegada</translation>
    </message>
    <message>
        <source>Late ({minutes} min)</source>
        <translation>Atrasado ({minutes} min)</translation>
    </message>
    <message>
        <source>In progress (was to end at {time})</source>
        <translation>Em curso (devia terminar às {time})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberto</translation>
    </message>
    <message>
        <source>What was forced</source>
        <translation>O que foi forçado</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Em espera</translation>
    </message>
    <message>
        <source>Forced by {name}: {reason}</source>
        <translation>Forçado por {name}: {reason}</translation>
    </message>
    <message>
        <source>{count} appointments</source>
        <translation>{count} marcações</translation>
    </message>
    <message>
        <source>1 appointment</source>
        <translation>1 marcação</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Dia mostrado</translation>
    </message>
    <message>
        <source>Problem reading the day</source>
        <translation>Problema ao ler o dia</translation>
    </message>
    <message>
        <source>Cancelled today</source>
        <translation>Canceladas hoje</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>Chegadas</translation>
    </message>
    <message>
        <source>Next up</source>
        <translation>A seguir</translation>
    </message>
    <message>
        <source>Left open</source>
        <translation>Por fechar</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflitos em aberto</translation>
    </message>
    <message>
        <source>Messages not sent</source>
        <translation>Mensagens não enviadas</translation>
    </message>
    <message>
        <source>Double-click to open the day of its first appointment.</source>
        <translation>Faça duplo clique para abrir o dia da primeira marcação.</translation>
    </message>
    <message>
        <source>Double-click to see the appointment&apos;s messages.</source>
        <translation>Faça duplo clique para ver as mensagens da marcação.</translation>
    </message>
    <message>
        <source>Nothing booked in the coming week.</source>
        <translation>Nada marcado na próxima semana.</translation>
    </message>
    <message>
        <source>Left open (ended, not completed)</source>
        <translation>Por fechar (terminadas, não concluídas)</translation>
    </message>
    <message>
        <source>Every appointment that ended is closed.</source>
        <translation>Todas as marcações terminadas estão fechadas.</translation>
    </message>
    <message>
        <source>No conflict waits for a manager.</source>
        <translation>Nenhum conflito à espera de um gestor.</translation>
    </message>
    <message>
        <source>Every message of the past week went out or waits its turn.</source>
        <translation>Todas as mensagens da última semana saíram ou esperam a sua vez.</translation>
    </message>
    <message>
        <source>Today, {day} (as of {time})</source>
        <translation>Hoje, {day} (às {time})</translation>
    </message>
    <message>
        <source>All: {count}</source>
        <translation>Todas: {count}</translation>
    </message>
    <message>
        <source>Cancelled: {count}</source>
        <translation>Canceladas: {count}</translation>
    </message>
    <message>
        <source>The server cannot be reached: the board is read again when it answers.</source>
        <translation>Não é possível contactar o servidor: o quadro volta a ser lido quando ele responder.</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>appointment</source>
        <translation>marcação</translation>
    </message>
    <message>
        <source>{status}: {who}</source>
        <extracomment>Shows a user-facing error (the main window&apos;s message box). The version of each appointment this desk last saw, shared by its commands: undoing two moves of one appointment must not take the first move&apos;s version for someone else&apos;s change, while a change by another desk is still caught.</extracomment>
        <translation>{status}: {who}</translation>
    </message>
    <message>
        <source>Book {who}</source>
        <translation>Marcar {who}</translation>
    </message>
    <message>
        <source>Move {who} to another room</source>
        <translation>Mover {who} para outra sala</translation>
    </message>
    <message>
        <source>Resize {who}</source>
        <translation>Mudar a duração de {who}</translation>
    </message>
    <message>
        <source>Move {who}</source>
        <translation>Mudar {who}</translation>
    </message>
    <message>
        <source>Move {count} appointments</source>
        <translation>Mudar {count} marcações</translation>
    </message>
    <message>
        <source>Edit {who}</source>
        <translation>Editar {who}</translation>
    </message>
    <message>
        <source>Cancel one date of a series</source>
        <translation>Cancelar uma data de uma série</translation>
    </message>
    <message>
        <source>Cancel a series from a date on</source>
        <translation>Cancelar uma série a partir de uma data</translation>
    </message>
    <message>
        <source>Cancel a series</source>
        <translation>Cancelar uma série</translation>
    </message>
    <message>
        <source>Book a series of {n}</source>
        <translation>Marcar uma série de {n}</translation>
    </message>
    <message>
        <source>Move a series from a date on</source>
        <translation>Mover uma série a partir de uma data</translation>
    </message>
    <message>
        <source>Move a whole series</source>
        <translation>Mover uma série toda</translation>
    </message>
    <message>
        <source>Change the length of a series from a date on</source>
        <translation>Alterar a duração de uma série a partir de uma data</translation>
    </message>
    <message>
        <source>Change the length of a series</source>
        <translation>Alterar a duração de uma série</translation>
    </message>
    <message>
        <source>Change one date of a series</source>
        <translation>Alterar uma data de uma série</translation>
    </message>
</context>
<context>
    <name>Waitlist</name>
    <message>
        <source>Freed time</source>
        <extracomment>Booked from the waitlist (the new appointment, and the entry it was for). A time was held for the first one waiting (the appointment, and the entry). Booking was refused (the reason).</extracomment>
        <translation>Horário libertado</translation>
    </message>
    <message>
        <source>Book first waiting</source>
        <translation>Marcar o primeiro</translation>
    </message>
    <message>
        <source>Book the first client waiting</source>
        <translation>Marcar o primeiro cliente em espera</translation>
    </message>
    <message>
        <source>Hold for them ({hours} h)</source>
        <translation>Reservar para o cliente ({hours} h)</translation>
    </message>
    <message>
        <source>Keep the time for the first client waiting for {hours} hours and ask them, by e-mail or SMS, to call back and confirm; not confirmed, it frees itself</source>
        <translation>Guardar a hora para o primeiro cliente em espera durante {hours} horas e pedir-lhe, por e-mail ou SMS, que ligue a confirmar; sem confirmação, fica livre por si</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <source>{day} {time} with {who} freed — {count} waiting</source>
        <translation>{day} {time} com {who} libertado — {count} em espera</translation>
    </message>
    <message>
        <source>Book {client} ({service}) at {time}</source>
        <translation>Marcar {client} ({service}) às {time}</translation>
    </message>
    <message>
        <source>Add to the waitlist</source>
        <translation>Adicionar à lista de espera</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Qualquer um</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>Mais cedo</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Mais tarde</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <source>Choose the client who waits.</source>
        <translation>Escolha o cliente que espera.</translation>
    </message>
    <message>
        <source>Choose a service.</source>
        <translation>Escolha um serviço.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Em espera</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Marcado</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dias</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Held until {time}</source>
        <translation>Reservado até {time}</translation>
    </message>
    <message>
        <source>Filter by service</source>
        <extracomment>Something went wrong (the error), for the window to show.</extracomment>
        <translation>Filtrar por serviço</translation>
    </message>
    <message>
        <source>Filter by professional</source>
        <translation>Filtrar por profissional</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Adicionar...</translation>
    </message>
    <message>
        <source>Put a client on the waitlist (Insert)</source>
        <translation>Pôr um cliente na lista de espera (Insert)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Take the chosen entry off the waitlist (Delete)</source>
        <translation>Retirar a entrada escolhida da lista de espera (Delete)</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Problem reading the waitlist</source>
        <translation>Problema ao ler a lista de espera</translation>
    </message>
    <message>
        <source>The server cannot be reached: the waitlist is read again when it answers.</source>
        <translation>Não é possível contactar o servidor: a lista de espera volta a ser lida quando ele responder.</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Whose week</source>
        <extracomment>The &quot;whose week&quot; choice meaning every professional (days x professionals). ... meaning the appointments nobody has taken yet. The key of &quot;Unassigned&quot; in the list of columns to show.</extracomment>
        <translation>Semana de quem</translation>
    </message>
    <message>
        <source>Professionals</source>
        <translation>Profissionais</translation>
    </message>
    <message>
        <source>Professionals to show</source>
        <translation>Profissionais a mostrar</translation>
    </message>
    <message>
        <source>Tick the professionals the week shows</source>
        <translation>Marque os profissionais que a semana mostra</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajustar à janela</translation>
    </message>
    <message>
        <source>Fit the week to the window</source>
        <translation>Ajustar a semana à janela</translation>
    </message>
    <message>
        <source>Narrow columns, no scrolling sideways; details on hover</source>
        <translation>Colunas estreitas, sem deslocar para o lado; pormenores ao passar o rato</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>All professionals</source>
        <translation>Todos os profissionais</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Confirm: the client will come</source>
        <extracomment>What each status action does (its tooltip while it can be used).</extracomment>
        <translation>Confirmar: o cliente vem</translation>
    </message>
    <message>
        <source>Check in: the client has arrived</source>
        <translation>Registar chegada: o cliente chegou</translation>
    </message>
    <message>
        <source>Complete: record how it went</source>
        <translation>Concluir: registar como correu</translation>
    </message>
    <message>
        <source>No-show: the client did not come</source>
        <translation>Faltou: o cliente não veio</translation>
    </message>
    <message>
        <source>Cancel the appointment (asks first)</source>
        <translation>Cancelar a marcação (pergunta primeiro)</translation>
    </message>
    <message>
        <source>Restore a cancelled or missed appointment</source>
        <translation>Repor uma marcação cancelada ou falhada</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Undo: {what}</source>
        <translation>Anular: {what}</translation>
    </message>
    <message>
        <source>Redo: {what}</source>
        <translation>Refazer: {what}</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navegação</translation>
    </message>
    <message>
        <source>Previous day, week or month (Page Up)</source>
        <translation>Dia, semana ou mês anterior (Page Up)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Next day, week or month (Page Down)</source>
        <translation>Dia, semana ou mês seguinte (Page Down)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Seguinte</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Marcação</translation>
    </message>
    <message>
        <source>Book...</source>
        <translation>Marcar...</translation>
    </message>
    <message>
        <source>Find a time...</source>
        <translation>Procurar horário...</translation>
    </message>
    <message>
        <source>The next free times for a service, and book one (Ctrl+T)</source>
        <translation>Os próximos horários livres para um serviço, e marcar um (Ctrl+T)</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Chegada</translation>
    </message>
    <message>
        <source>Complete...</source>
        <translation>Concluir...</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Faltou</translation>
    </message>
    <message>
        <source>Cancel...</source>
        <translation>Cancelar...</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Repor</translation>
    </message>
    <message>
        <source>Details...</source>
        <translation>Detalhes...</translation>
    </message>
    <message>
        <source>Find client...</source>
        <translation>Procurar cliente...</translation>
    </message>
    <message>
        <source>&amp;Clinic</source>
        <translation>&amp;Clínica</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>Definições...</translation>
    </message>
    <message>
        <source>Services...</source>
        <translation>Serviços...</translation>
    </message>
    <message>
        <source>Booking rules...</source>
        <translation>Regras de marcação...</translation>
    </message>
    <message>
        <source>Rooms and equipment...</source>
        <translation>Salas e equipamento...</translation>
    </message>
    <message>
        <source>Teams...</source>
        <translation>Equipas...</translation>
    </message>
    <message>
        <source>Professionals...</source>
        <translation>Profissionais...</translation>
    </message>
    <message>
        <source>Add professional...</source>
        <translation>Adicionar profissional...</translation>
    </message>
    <message>
        <source>Working time and holidays...</source>
        <translation>Horário de trabalho e feriados...</translation>
    </message>
    <message>
        <source>Clients...</source>
        <translation>Clientes...</translation>
    </message>
    <message>
        <source>Add client...</source>
        <translation>Adicionar cliente...</translation>
    </message>
    <message>
        <source>Professional leaving...</source>
        <translation>Saída de um profissional...</translation>
    </message>
    <message>
        <source>E-mail and SMS settings...</source>
        <translation>Definições de e-mail e SMS...</translation>
    </message>
    <message>
        <source>Message templates...</source>
        <translation>Modelos de mensagem...</translation>
    </message>
    <message>
        <source>Integrations...</source>
        <translation>Integrações...</translation>
    </message>
    <message>
        <source>Backups...</source>
        <translation>Cópias de segurança...</translation>
    </message>
    <message>
        <source>Database server...</source>
        <translation>Servidor da base de dados...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salas</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Reduzir</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Cores por</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Day columns</source>
        <translation>Colunas do dia</translation>
    </message>
    <message>
        <source>By professional</source>
        <translation>Por profissional</translation>
    </message>
    <message>
        <source>By room and equipment</source>
        <translation>Por sala e equipamento</translation>
    </message>
    <message>
        <source>Month and colours panel</source>
        <translation>Painel do mês e das cores</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Como o sistema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca</translation>
    </message>
</context>
<context>
    <name>WorkingTime</name>
    <message>
        <source>Works whenever the clinic is open (no plan of their own)</source>
        <translation>Trabalha sempre que a clínica está aberta (sem plano próprio)</translation>
    </message>
    <message>
        <source>Alternating A and B weeks</source>
        <translation>Semanas A e B alternadas</translation>
    </message>
    <message>
        <source>New plan from</source>
        <translation>Novo plano a partir de</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Todas as semanas</translation>
    </message>
    <message>
        <source>B weeks</source>
        <translation>Semanas B</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Não trabalha</translation>
    </message>
    <message>
        <source>Hours on {day}, {week}</source>
        <translation>Horas de {day}, {week}</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Guardar plano</translation>
    </message>
    <message>
        <source>Several ranges a day are separated by commas (the time between them is a break); leave a day empty when they do not work. Hours outside the clinic&apos;s opening hours are not bookable.</source>
        <translation>Vários intervalos num dia separam-se por vírgulas (o tempo entre eles é uma pausa); deixe o dia vazio quando não trabalha. Horas fora do horário da clínica não podem ser marcadas.</translation>
    </message>
    <message>
        <source>A weeks</source>
        <translation>Semanas A</translation>
    </message>
    <message>
        <source>This week is one of the {week}.</source>
        <translation>Esta semana é uma das {week}.</translation>
    </message>
    <message>
        <source>Days that replace the plan</source>
        <translation>Dias que substituem o plano</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <source>Not working that day</source>
        <translation>Não trabalha nesse dia</translation>
    </message>
    <message>
        <source>Hours that day</source>
        <translation>Horas nesse dia</translation>
    </message>
    <message>
        <source>Save day</source>
        <translation>Guardar dia</translation>
    </message>
    <message>
        <source>Back to the weekly plan</source>
        <translation>Voltar ao plano semanal</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Days ahead that do not follow the weekly plan:</source>
        <translation>Dias seguintes que não seguem o plano semanal:</translation>
    </message>
    <message>
        <source>A day the clinic is closed (a Saturday, say) needs its opening hours too (Clinic &gt; Settings) before anyone can be booked on it.</source>
        <translation>Num dia em que a clínica está fechada (um sábado, por exemplo) é preciso também o horário da clínica (Clínica &gt; Definições) para se poder marcar alguém.</translation>
    </message>
    <message>
        <source>not working</source>
        <translation>não trabalha</translation>
    </message>
    <message>
        <source>Time off ahead</source>
        <extracomment>Kinds of time off for a professional, and for the whole clinic.</extracomment>
        <translation>Ausências previstas</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Whose time off</source>
        <translation>Ausência de quem</translation>
    </message>
    <message>
        <source>Kind of time off</source>
        <translation>Tipo de ausência</translation>
    </message>
    <message>
        <source>Whole days</source>
        <translation>Dias inteiros</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>Hora de início</translation>
    </message>
    <message>
        <source>Until time</source>
        <translation>Hora de fim</translation>
    </message>
    <message>
        <source>Shown in the calendar</source>
        <translation>Mostrado no calendário</translation>
    </message>
    <message>
        <source>Add time off</source>
        <translation>Adicionar ausência</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>The whole clinic</source>
        <translation>A clínica toda</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Região</translation>
    </message>
    <message>
        <source>Use these holidays</source>
        <translation>Usar estes feriados</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Ano</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>Feriados</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Feriado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aberta</translation>
    </message>
    <message>
        <source>The clinic is closed on public holidays; tick one to open on it.</source>
        <translation>A clínica fecha nos feriados; marque um para abrir nesse dia.</translation>
    </message>
    <message>
        <source>The whole country</source>
        <translation>O país todo</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aberta</translation>
    </message>
    <message>
        <source>Vacation</source>
        <translation>Férias</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>Baixa médica</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formação</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Clinic closed</source>
        <translation>Clínica fechada</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Manutenção</translation>
    </message>
    <message>
        <source>Busy in their calendar</source>
        <translation>Ocupado no seu calendário</translation>
    </message>
    <message>
        <source>Busy in their calendar ({provider})</source>
        <translation>Ocupado no seu calendário ({provider})</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>Feriado</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Indisponível</translation>
    </message>
</context>
<context>
    <name>WorkingTimeDialog</name>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>{count} appointments now wait for another professional.</source>
        <translation>{count} marcações aguardam agora outro profissional.</translation>
    </message>
    <message>
        <source>{count} recorded as a conflict.</source>
        <translation>{count} registadas como conflito.</translation>
    </message>
    <message>
        <source>Why it was not saved</source>
        <translation>Porque não foi guardado</translation>
    </message>
    <message>
        <source>Appointments it would leave without a professional</source>
        <translation>Marcações que ficariam sem profissional</translation>
    </message>
    <message>
        <source>Why it cannot wait (recorded with the conflict)</source>
        <translation>Porque não pode esperar (registado com o conflito)</translation>
    </message>
    <message>
        <source>Reason to save anyway</source>
        <translation>Motivo para guardar mesmo assim</translation>
    </message>
    <message>
        <source>Save anyway and record a conflict</source>
        <translation>Guardar mesmo assim e registar um conflito</translation>
    </message>
    <message>
        <source>... and {count} more</source>
        <translation>... e mais {count}</translation>
    </message>
    <message>
        <source>Working time</source>
        <translation>Horário de trabalho</translation>
    </message>
    <message>
        <source>Professional</source>
        <extracomment>Something was saved (the calendar reads its period again). Working time the saved changes added (the waitlist looks for who waits).</extracomment>
        <translation>Profissional</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>A trabalhar</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>O que aconteceu</translation>
    </message>
    <message>
        <source>Weekly plan</source>
        <translation>Plano semanal</translation>
    </message>
    <message>
        <source>Dated days</source>
        <translation>Dias específicos</translation>
    </message>
    <message>
        <source>Time off and closures</source>
        <translation>Ausências e encerramentos</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>Feriados</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Working...</source>
        <translation>A trabalhar...</translation>
    </message>
</context>
</TS>
