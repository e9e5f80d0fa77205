; Oralman Desk — the Windows installer (Inno Setup 6.5 or newer).
; Saved as UTF-8 with a byte order mark: Inno Setup reads the Kazakh and Russian texts right only so.
;
; Build it with `python installer/build.py` (or installer\windows\build.ps1), which makes the
; PyInstaller bundle and then runs
;   ISCC /DAppVersion=<version from pyproject.toml> /DSourceDir=dist\oralman-desk
;        /DIconFile=build\assets\icons\oralman-desk.ico /DOutputDir=dist installer\windows\oralman-desk.iss
;
; - Per user, without administrator rights, by default (%LOCALAPPDATA%\Programs\Oralman Desk); the
;   first dialog offers "for all users" to an administrator.
; - Kazakh (Kazakh.isl, ours) and Russian (Inno Setup's own) messages; the language of Windows decides,
;   otherwise Setup asks.
; - Start menu shortcut, and a desktop shortcut unless unticked.
; - Upgrades: the same AppId installs over an older version in its folder. The database is not
;   touched by Setup: it lives in the user's data folder (%LOCALAPPDATA%\OralmanDesk, see
;   oralman_desk/paths.py), and the new version backs it up and migrates it when it first starts.
; - Uninstalling removes the program and keeps the database and its backups unless the user ticks
;   the box in the uninstaller's question.

#if VER < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 or newer is needed (Kazakh.isl follows its messages)
#endif
#ifndef AppVersion
  #error AppVersion is not set: run python installer/build.py, which passes /DAppVersion from pyproject.toml
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\oralman-desk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\assets\icons\oralman-desk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Oralman Desk"
; The program without a console window (the shortcuts); oralman-desk.exe beside it is the command line.
#define AppExe "OralmanDesk.exe"

[Setup]
; Never change the AppId: it is how a newer installer finds the installed version to upgrade.
AppId={{B7A348F0-CDC5-47DA-95CD-4ECA3E625519}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=OralmanDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "kk"; MessagesFile: "Kazakh.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
kk.AppComment=Қандастарды бейімдеу орталығының тізілімі және қызметтері
ru.AppComment=Реестр и услуги центра адаптации кандасов
kk.DataFolderLabel=Деректер қалтасы:
ru.DataFolderLabel=Папка данных:
kk.DataFolderNew=%1 (дерекқор мен оның сақтық көшірмелері осында сақталады)
ru.DataFolderNew=%1 (здесь хранятся база данных и её резервные копии)
kk.DataFolderUpgrade=%1 (дерекқор орнында қалады; жаңа нұсқа алғаш іске қосылғанда оның сақтық көшірмесін жасап, дерекқорды жаңартады)
ru.DataFolderUpgrade=%1 (база данных остаётся на месте; при первом запуске новая версия сделает её резервную копию и обновит базу)
kk.UninstallDataTitle=Орталықтың деректері
ru.UninstallDataTitle=Данные центра
kk.UninstallDataNote=Орталықтың дерекқоры мен оның сақтық көшірмелері мына қалтада:%n%n%1%n%nОлар әдепкі бойынша сақталып қалады: бағдарламаны қайта орнатсаңыз, жұмысты тоқтаған жерден жалғастыра аласыз.
ru.UninstallDataNote=База данных центра и её резервные копии хранятся в папке:%n%n%1%n%nПо умолчанию они сохраняются: после повторной установки работу можно продолжить с того же места.
kk.UninstallDataCheck=Дерекқор мен сақтық көшірмелерді де біржола &жою
ru.UninstallDataCheck=&Удалить также базу данных и резервные копии безвозвратно

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: no library of the older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program may have written next to itself (Python caches of the migration scripts).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
const
  { oralman_desk/paths.py: platformdirs.user_data_dir('OralmanDesk', appauthor=False, roaming=False) }
  DataFolderName = 'OralmanDesk';
  DatabaseFile = 'oralman_desk.db';
  { ui/app.py: QSettings('OralmanDesk', 'OralmanDesk') — language, user name, window state }
  SettingsKey = 'Software\OralmanDesk';

var
  RemoveData: Boolean;

function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\' + DataFolderName);
end;

{ The Ready page says where the data lives, and that an existing database is migrated on first start. }
function UpdateReadyMemo(Space, NewLine, MemoUserInfoInfo, MemoDirInfo, MemoTypeInfo,
  MemoComponentsInfo, MemoGroupInfo, MemoTasksInfo: String): String;
var
  Note: String;
begin
  Result := MemoDirInfo;
  if MemoTasksInfo <> '' then
    Result := Result + NewLine + NewLine + MemoTasksInfo;
  if FileExists(DataDir() + '\' + DatabaseFile) then
    Note := FmtMessage(CustomMessage('DataFolderUpgrade'), [DataDir()])
  else
    Note := FmtMessage(CustomMessage('DataFolderNew'), [DataDir()]);
  Result := Result + NewLine + NewLine + CustomMessage('DataFolderLabel') + NewLine + Space + Note;
end;

{ Asked after the user confirmed the uninstall: keep the data (the default) or delete it too. }
function AskRemoveData(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Check: TNewCheckBox;
  OKButton: TNewButton;
begin
  Result := False;
  Form := CreateCustomForm(ScaleX(460), ScaleY(200), False, True);
  try
    Form.Caption := CustomMessage('UninstallDataTitle');

    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Left := ScaleX(12);
    Note.Top := ScaleY(12);
    Note.Width := Form.ClientWidth - ScaleX(24);
    Note.Caption := FmtMessage(CustomMessage('UninstallDataNote'), [DataDir()]);
    Note.AdjustHeight();

    Check := TNewCheckBox.Create(Form);
    Check.Parent := Form;
    Check.Left := ScaleX(12);
    Check.Top := Note.Top + Note.Height + ScaleY(14);
    Check.Width := Form.ClientWidth - ScaleX(24);
    Check.Height := ScaleY(20);
    Check.Caption := CustomMessage('UninstallDataCheck');
    Check.Checked := False;

    Form.ClientHeight := Check.Top + Check.Height + ScaleY(12 + 23 + 12);

    OKButton := TNewButton.Create(Form);
    OKButton.Parent := Form;
    OKButton.Caption := SetupMessage(msgButtonOK);
    OKButton.Width := Form.CalculateButtonWidth([OKButton.Caption]);
    OKButton.Height := ScaleY(23);
    OKButton.Left := Form.ClientWidth - OKButton.Width - ScaleX(12);
    OKButton.Top := Form.ClientHeight - OKButton.Height - ScaleY(12);
    OKButton.ModalResult := mrOk;
    OKButton.Default := True;
    OKButton.Cancel := True;

    Form.ActiveControl := OKButton;
    if Form.ShowModal() = mrOk then
      Result := Check.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    RemoveData := False;
    { A silent uninstall (/SILENT, /VERYSILENT) never deletes data. }
    if not UninstallSilent() then
      if DirExists(DataDir()) then
        RemoveData := AskRemoveData();
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    DelTree(DataDir(), True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey);
  end;
end;
