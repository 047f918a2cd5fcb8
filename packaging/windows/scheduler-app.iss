; Inno Setup script (Windows). Build the bundle first: python packaging\build.py
; then: iscc packaging\windows\scheduler-app.iss  ->  packaging\dist\scheduler-app-setup.exe
#define AppVersion GetEnv("SCHEDULER_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1B5C1E-2B7A-4C53-9C1E-5A0D3B7E1C42}
AppName=Scheduler
AppVersion={#AppVersion}
AppPublisher=Scheduler maintainers
DefaultDirName={autopf}\Scheduler
DefaultGroupName=Scheduler
OutputDir=..\dist
OutputBaseFilename=scheduler-app-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\scheduler-app.exe

[Files]
Source: "..\dist\scheduler-app\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion
; An installer may ship settings for a shared server next to the executable:
Source: "scheduler-app.conf"; DestDir: "{app}"; Flags: onlyifdoesntexist skipifsourcedoesntexist

[Icons]
Name: "{group}\Scheduler"; Filename: "{app}\scheduler-app.exe"
Name: "{autodesktop}\Scheduler"; Filename: "{app}\scheduler-app.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\scheduler-app-cli.exe"; Parameters: "self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\scheduler-app.exe"; Description: "Open Scheduler"; Flags: postinstall nowait skipifsilent
