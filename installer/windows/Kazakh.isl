; *** Inno Setup version 6.5.0+ Kazakh messages ***
;
; Written for Oralman Desk (installer/windows/oralman-desk.iss); Inno Setup ships no Kazakh
; translation. The message names follow Inno Setup's Default.isl; the texts are our own.
; Names of programs are followed by «бағдарламасы» so that no Kazakh case ending is glued to a
; Latin name. Kept as in Default.isl: the placeholders (%1, [name], …), the line breaks (%n), no
; full stop where Inno Setup adds one, one accelerator (&) per control.
; tests/test_installer.py checks that every message is here and keeps its placeholders.
; Saved as UTF-8 with a byte order mark, which is how Inno Setup recognises Unicode .isl files.

[LangOptions]
LanguageName=Қазақ тілі
LanguageID=$043F
LanguageCodePage=0

[Messages]

; *** Application titles
SetupAppTitle=Орнату
SetupWindowTitle=Орнату — %1
UninstallAppTitle=Жою
UninstallAppFullTitle=%1 бағдарламасын жою

; *** Misc. common
InformationTitle=Ақпарат
ConfirmTitle=Растау
ErrorTitle=Қате

; *** SetupLdr messages
SetupLdrStartupMessage=Компьютерге %1 бағдарламасы орнатылады. Жалғастырасыз ба?
LdrCannotCreateTemp=Уақытша файл жасау мүмкін болмады. Орнату тоқтатылды
LdrCannotExecTemp=Уақытша қалтадағы файлды іске қосу мүмкін болмады. Орнату тоқтатылды
HelpTextNote=

; *** Startup error messages
LastErrorMessage=%1.%n%nҚате %2: %3
SetupFileMissing=Орнату қалтасында %1 файлы жоқ. Мәселені түзетіңіз немесе бағдарламаның жаңа көшірмесін алыңыз.
SetupFileCorrupt=Орнату файлдары бүлінген. Бағдарламаның жаңа көшірмесін алыңыз.
SetupFileCorruptOrWrongVer=Орнату файлдары бүлінген немесе орнату бағдарламасының осы нұсқасымен үйлеспейді. Мәселені түзетіңіз немесе бағдарламаның жаңа көшірмесін алыңыз.
InvalidParameter=Пәрмен жолында жарамсыз параметр берілді:%n%n%1
SetupAlreadyRunning=Орнату бағдарламасы әлдеқашан іске қосылған.
WindowsVersionNotSupported=Бұл бағдарлама компьютеріңіздегі Windows нұсқасында жұмыс істемейді.
WindowsServicePackRequired=Бұл бағдарламаға %1 Service Pack %2 немесе одан жаңасы қажет.
NotOnThisPlatform=Бұл бағдарлама %1 жүйесінде жұмыс істемейді.
OnlyOnThisPlatform=Бұл бағдарламаны тек %1 жүйесінде іске қосуға болады.
OnlyOnTheseArchitectures=Бұл бағдарламаны тек мына процессор архитектураларына арналған Windows нұсқаларына орнатуға болады:%n%n%1
WinVersionTooLowError=Бұл бағдарламаға %1 %2 немесе одан жаңасы қажет.
WinVersionTooHighError=Бұл бағдарламаны %1 %2 немесе одан жаңа нұсқасына орнату мүмкін емес.
AdminPrivilegesRequired=Бұл бағдарламаны орнату үшін жүйеге әкімші ретінде кіру керек.
PowerUserPrivilegesRequired=Бұл бағдарламаны орнату үшін жүйеге әкімші немесе «Тәжірибелі пайдаланушылар» (Power Users) тобының мүшесі ретінде кіру керек.
SetupAppRunningError=Орнату бағдарламасы %1 бағдарламасының қазір жұмыс істеп тұрғанын анықтады.%n%nОның барлық терезесін жабыңыз да, жалғастыру үшін OK, шығу үшін «Бас тарту» түймесін басыңыз.
UninstallAppRunningError=Жою бағдарламасы %1 бағдарламасының қазір жұмыс істеп тұрғанын анықтады.%n%nОның барлық терезесін жабыңыз да, жалғастыру үшін OK, шығу үшін «Бас тарту» түймесін басыңыз.

; *** Startup questions
PrivilegesRequiredOverrideTitle=Орнату режимін таңдау
PrivilegesRequiredOverrideInstruction=Орнату режимін таңдаңыз
PrivilegesRequiredOverrideText1=%1 бағдарламасын барлық пайдаланушыға (әкімші құқықтары қажет) немесе тек өзіңізге орнатуға болады.
PrivilegesRequiredOverrideText2=%1 бағдарламасын тек өзіңізге немесе барлық пайдаланушыға (әкімші құқықтары қажет) орнатуға болады.
PrivilegesRequiredOverrideAllUsers=&Барлық пайдаланушыға орнату
PrivilegesRequiredOverrideAllUsersRecommended=&Барлық пайдаланушыға орнату (ұсынылады)
PrivilegesRequiredOverrideCurrentUser=&Тек өзіме орнату
PrivilegesRequiredOverrideCurrentUserRecommended=&Тек өзіме орнату (ұсынылады)

; *** Misc. errors
ErrorCreatingDir=Орнату бағдарламасы "%1" қалтасын жасай алмады
ErrorTooManyFilesInDir="%1" қалтасында файл жасау мүмкін болмады: онда файл тым көп

; *** Setup common messages
ExitSetupTitle=Орнатудан шығу
ExitSetupMessage=Орнату аяқталған жоқ. Қазір шықсаңыз, бағдарлама орнатылмайды.%n%nОрнатуды аяқтау үшін орнату бағдарламасын кейін қайта іске қосуға болады.%n%nОрнатудан шығасыз ба?
AboutSetupMenuItem=Орнату бағдарламасы &туралы...
AboutSetupTitle=Орнату бағдарламасы туралы
AboutSetupMessage=%1, нұсқасы %2%n%3%n%n%1 сайты:%n%4
AboutSetupNote=
TranslatorNote=

; *** Buttons
ButtonBack=< &Артқа
ButtonNext=&Келесі >
ButtonInstall=&Орнату
ButtonOK=OK
ButtonCancel=Бас тарту
ButtonYes=&Иә
ButtonYesToAll=&Барлығына иә
ButtonNo=&Жоқ
ButtonNoToAll=Барлығына ж&оқ
ButtonFinish=&Аяқтау
ButtonBrowse=&Шолу...
ButtonWizardBrowse=Ш&олу...
ButtonNewFolder=&Жаңа қалта жасау

; *** "Select Language" dialog messages
SelectLanguageTitle=Орнату тілін таңдау
SelectLanguageLabel=Орнату кезінде қолданылатын тілді таңдаңыз.

; *** Common wizard text
ClickNext=Жалғастыру үшін «Келесі», орнатудан шығу үшін «Бас тарту» түймесін басыңыз.
BeveledLabel=
BrowseDialogTitle=Қалтаны шолу
BrowseDialogLabel=Төмендегі тізімнен қалтаны таңдап, OK түймесін басыңыз.
NewFolderName=Жаңа қалта

; *** "Welcome" wizard page
WelcomeLabel1=[name] орнату шеберіне қош келдіңіз
WelcomeLabel2=Компьютерге [name/ver] бағдарламасы орнатылады.%n%nЖалғастырмас бұрын басқа бағдарламалардың бәрін жабу ұсынылады.

; *** "Password" wizard page
WizardPassword=Құпиясөз
PasswordLabel1=Бұл орнату құпиясөзбен қорғалған.
PasswordLabel3=Құпиясөзді енгізіп, жалғастыру үшін «Келесі» түймесін басыңыз. Құпиясөзде бас әріп пен кіші әріп ажыратылады.
PasswordEditLabel=&Құпиясөз:
IncorrectPassword=Енгізілген құпиясөз дұрыс емес. Қайталап көріңіз.

; *** "License Agreement" wizard page
WizardLicense=Лицензиялық келісім
LicenseLabel=Жалғастырмас бұрын төмендегі маңызды ақпаратты оқып шығыңыз.
LicenseLabel3=Төмендегі лицензиялық келісімді оқып шығыңыз. Орнатуды жалғастыру үшін осы келісімнің шарттарын қабылдауыңыз керек.
LicenseAccepted=Келісімді &қабылдаймын
LicenseNotAccepted=Келісімді қабылдамай&мын

; *** "Information" wizard pages
WizardInfoBefore=Ақпарат
InfoBeforeLabel=Жалғастырмас бұрын төмендегі маңызды ақпаратты оқып шығыңыз.
InfoBeforeClickLabel=Орнатуды жалғастыруға дайын болсаңыз, «Келесі» түймесін басыңыз.
WizardInfoAfter=Ақпарат
InfoAfterLabel=Жалғастырмас бұрын төмендегі маңызды ақпаратты оқып шығыңыз.
InfoAfterClickLabel=Орнатуды жалғастыруға дайын болсаңыз, «Келесі» түймесін басыңыз.

; *** "User Information" wizard page
WizardUserInfo=Пайдаланушы туралы мәлімет
UserInfoDesc=Өзіңіз туралы мәліметті енгізіңіз.
UserInfoName=&Пайдаланушының аты:
UserInfoOrg=&Ұйым:
UserInfoSerial=&Сериялық нөмір:
UserInfoNameRequired=Атыңызды енгізу керек.

; *** "Select Destination Location" wizard page
WizardSelectDir=Орнату қалтасын таңдау
SelectDirDesc=[name] бағдарламасын қайда орнату керек?
SelectDirLabel3=Орнату бағдарламасы [name] бағдарламасын мына қалтаға орнатады.
SelectDirBrowseLabel=Жалғастыру үшін «Келесі» түймесін басыңыз. Басқа қалтаны таңдағыңыз келсе, «Шолу» түймесін басыңыз.
DiskSpaceGBLabel=Дискіде кемінде [gb] ГБ бос орын қажет.
DiskSpaceMBLabel=Дискіде кемінде [mb] МБ бос орын қажет.
CannotInstallToNetworkDrive=Желілік дискіге орнату мүмкін емес.
CannotInstallToUNCPath=UNC жолына орнату мүмкін емес.
InvalidPath=Диск әрпі бар толық жолды енгізу керек, мысалы:%n%nC:\APP%n%nнемесе мына түрдегі UNC жолын:%n%n\\server\share
InvalidDrive=Таңдалған диск немесе UNC ортақ ресурсы жоқ не оған қол жеткізу мүмкін емес. Басқасын таңдаңыз.
DiskSpaceWarningTitle=Дискіде орын жеткіліксіз
DiskSpaceWarning=Орнатуға кемінде %1 КБ бос орын қажет, ал таңдалған дискіде тек %2 КБ бос.%n%nБәрібір жалғастырасыз ба?
DirNameTooLong=Қалтаның атауы немесе жолы тым ұзын.
InvalidDirName=Қалтаның атауы жарамсыз.
BadDirName32=Қалтаның атауында мына таңбалар болмауы керек:%n%n%1
DirExistsTitle=Қалта бар
DirExists=Мына қалта:%n%n%1%n%nбұрыннан бар. Бәрібір осы қалтаға орнатасыз ба?
DirDoesntExistTitle=Қалта жоқ
DirDoesntExist=Мына қалта:%n%n%1%n%nжоқ. Оны жасау керек пе?

; *** "Select Components" wizard page
WizardSelectComponents=Құрамдас бөліктерді таңдау
SelectComponentsDesc=Қай құрамдас бөліктерді орнату керек?
SelectComponentsLabel2=Орнатқыңыз келетін құрамдас бөліктерді белгілеп, керек емесінен белгіні алып тастаңыз. Жалғастыруға дайын болсаңыз, «Келесі» түймесін басыңыз.
FullInstallation=Толық орнату
CompactInstallation=Ықшам орнату
CustomInstallation=Таңдап орнату
NoUninstallWarningTitle=Құрамдас бөліктер орнатылған
NoUninstallWarning=Орнату бағдарламасы компьютерде мына құрамдас бөліктердің бұрыннан орнатылғанын анықтады:%n%n%1%n%nОлардан белгіні алып тастасаңыз, олар жойылмайды.%n%nБәрібір жалғастырасыз ба?
ComponentSize1=%1 КБ
ComponentSize2=%1 МБ
ComponentsDiskSpaceGBLabel=Таңдалған бөліктерге дискіде кемінде [gb] ГБ орын қажет.
ComponentsDiskSpaceMBLabel=Таңдалған бөліктерге дискіде кемінде [mb] МБ орын қажет.

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=Қосымша тапсырмаларды таңдау
SelectTasksDesc=Қандай қосымша тапсырмаларды орындау керек?
SelectTasksLabel2=[name] бағдарламасын орнату кезінде орындалатын қосымша тапсырмаларды таңдап, «Келесі» түймесін басыңыз.

; *** "Select Start Menu Folder" wizard page
WizardSelectProgramGroup=«Бастау» мәзірінің қалтасын таңдау
SelectStartMenuFolderDesc=Бағдарлама таңбашаларын қайда орналастыру керек?
SelectStartMenuFolderLabel3=Орнату бағдарламасы таңбашаларды «Бастау» мәзірінің мына қалтасында жасайды.
SelectStartMenuFolderBrowseLabel=Жалғастыру үшін «Келесі» түймесін басыңыз. Басқа қалтаны таңдағыңыз келсе, «Шолу» түймесін басыңыз.
MustEnterGroupName=Қалтаның атауын енгізу керек.
GroupNameTooLong=Қалтаның атауы немесе жолы тым ұзын.
InvalidGroupName=Қалтаның атауы жарамсыз.
BadGroupName=Қалтаның атауында мына таңбалар болмауы керек:%n%n%1
NoProgramGroupCheck2=«Бастау» мәзірінде қалта &жасамау

; *** "Ready to Install" wizard page
WizardReady=Орнатуға дайын
ReadyLabel1=Орнату бағдарламасы [name] бағдарламасын компьютерге орнатуға дайын.
ReadyLabel2a=Орнатуды жалғастыру үшін «Орнату» түймесін, баптауларды қарап шығу не өзгерту үшін «Артқа» түймесін басыңыз.
ReadyLabel2b=Орнатуды жалғастыру үшін «Орнату» түймесін басыңыз.
ReadyMemoUserInfo=Пайдаланушы туралы мәлімет:
ReadyMemoDir=Орнату қалтасы:
ReadyMemoType=Орнату түрі:
ReadyMemoComponents=Таңдалған құрамдас бөліктер:
ReadyMemoGroup=«Бастау» мәзірінің қалтасы:
ReadyMemoTasks=Қосымша тапсырмалар:

; *** TDownloadWizardPage wizard page and DownloadTemporaryFile
DownloadingLabel2=Файлдар жүктеліп жатыр...
ButtonStopDownload=Жүктеуді &тоқтату
StopDownload=Жүктеуді шынымен тоқтатасыз ба?
ErrorDownloadAborted=Жүктеу тоқтатылды
ErrorDownloadFailed=Жүктеу сәтсіз аяқталды: %1 %2
ErrorDownloadSizeFailed=Өлшемін анықтау мүмкін болмады: %1 %2
ErrorProgress=Барыс дұрыс емес: %1 / %2
ErrorFileSize=Файлдың өлшемі дұрыс емес: күтілгені %1, шыққаны %2

; *** TExtractionWizardPage wizard page and ExtractArchive
ExtractingLabel=Файлдар шығарылып жатыр...
ButtonStopExtraction=Шығаруды &тоқтату
StopExtraction=Шығаруды шынымен тоқтатасыз ба?
ErrorExtractionAborted=Шығару тоқтатылды
ErrorExtractionFailed=Шығару сәтсіз аяқталды: %1

; *** Archive extraction failure details
ArchiveIncorrectPassword=Құпиясөз дұрыс емес
ArchiveIsCorrupted=Мұрағат бүлінген
ArchiveUnsupportedFormat=Мұрағаттың бұл пішіміне қолдау жоқ

; *** "Preparing to Install" wizard page
WizardPreparing=Орнатуға дайындық
PreparingDesc=Орнату бағдарламасы [name] бағдарламасын компьютерге орнатуға дайындалып жатыр.
PreviousInstallNotCompleted=Алдыңғы бағдарламаны орнату немесе жою аяқталмаған. Оны аяқтау үшін компьютерді қайта іске қосу керек.%n%nКомпьютер қайта іске қосылған соң, [name] бағдарламасын орнатуды аяқтау үшін орнату бағдарламасын тағы іске қосыңыз.
CannotContinue=Орнатуды жалғастыру мүмкін емес. Шығу үшін «Бас тарту» түймесін басыңыз.
ApplicationsFound=Орнату бағдарламасы жаңартуы тиіс файлдарды мына бағдарламалар пайдаланып отыр. Орнату бағдарламасына оларды автоматты түрде жабуға рұқсат беру ұсынылады.
ApplicationsFound2=Орнату бағдарламасы жаңартуы тиіс файлдарды мына бағдарламалар пайдаланып отыр. Орнату бағдарламасына оларды автоматты түрде жабуға рұқсат беру ұсынылады. Орнату аяқталған соң, орнату бағдарламасы оларды қайта іске қосуға тырысады.
CloseApplications=Бағдарламаларды &автоматты түрде жабу
DontCloseApplications=Бағдарламаларды &жаппау
ErrorCloseApplications=Орнату бағдарламасы барлық бағдарламаны автоматты түрде жаба алмады. Жалғастырмас бұрын орнату бағдарламасы жаңартуы тиіс файлдарды пайдаланатын бағдарламалардың бәрін жабу ұсынылады.
PrepareToInstallNeedsRestart=Орнату бағдарламасы компьютерді қайта іске қосуы керек. Компьютер қайта іске қосылған соң, [name] бағдарламасын орнатуды аяқтау үшін орнату бағдарламасын тағы іске қосыңыз.%n%nКомпьютерді қазір қайта іске қосасыз ба?

; *** "Installing" wizard page
WizardInstalling=Орнату
InstallingLabel=Орнату бағдарламасы [name] бағдарламасын компьютерге орнатып жатыр, күте тұрыңыз.

; *** "Setup Completed" wizard page
FinishedHeadingLabel=[name] бағдарламасын орнату аяқталуда
FinishedLabelNoIcons=Орнату бағдарламасы [name] бағдарламасын компьютерге орнатып болды.
FinishedLabel=Орнату бағдарламасы [name] бағдарламасын компьютерге орнатып болды. Бағдарламаны орнатылған таңбашалар арқылы іске қосуға болады.
ClickFinish=Орнатудан шығу үшін «Аяқтау» түймесін басыңыз.
FinishedRestartLabel=[name] бағдарламасын орнатуды аяқтау үшін орнату бағдарламасы компьютерді қайта іске қосуы керек. Қазір қайта іске қосасыз ба?
FinishedRestartMessage=[name] бағдарламасын орнатуды аяқтау үшін орнату бағдарламасы компьютерді қайта іске қосуы керек.%n%nҚазір қайта іске қосасыз ба?
ShowReadmeCheck=Иә, README файлын қарағым келеді
YesRadio=&Иә, компьютерді қазір қайта іске қосу
NoRadio=&Жоқ, компьютерді кейін өзім қайта іске қосамын
; used for example as 'Run MyProg.exe'
RunEntryExec=%1 іске қосу
; used for example as 'View Readme.txt'
RunEntryShellExec=%1 файлын қарау

; *** "Setup Needs the Next Disk" stuff
ChangeDiskTitle=Орнату бағдарламасына келесі диск керек
SelectDiskLabel2=%1-дискіні салып, OK түймесін басыңыз.%n%nЕгер осы дискідегі файлдар төменде көрсетілгеннен басқа қалтада болса, дұрыс жолды енгізіңіз немесе «Шолу» түймесін басыңыз.
PathLabel=&Жол:
FileNotInDir2="%1" файлы "%2" ішінде табылмады. Дұрыс дискіні салыңыз немесе басқа қалтаны таңдаңыз.
SelectDirectoryLabel=Келесі дискінің орнын көрсетіңіз.

; *** Installation phase messages
SetupAborted=Орнату аяқталмады.%n%nМәселені түзетіп, орнату бағдарламасын қайта іске қосыңыз.
AbortRetryIgnoreSelectAction=Әрекетті таңдаңыз
AbortRetryIgnoreRetry=Қайталап &көру
AbortRetryIgnoreIgnore=Қатені елемей, &жалғастыру
AbortRetryIgnoreCancel=Орнатудан бас тарту
RetryCancelSelectAction=Әрекетті таңдаңыз
RetryCancelRetry=Қайталап &көру
RetryCancelCancel=Бас тарту

; *** Installation status messages
StatusClosingApplications=Бағдарламалар жабылып жатыр...
StatusCreateDirs=Қалталар жасалып жатыр...
StatusExtractFiles=Файлдар шығарылып жатыр...
StatusDownloadFiles=Файлдар жүктеліп жатыр...
StatusCreateIcons=Таңбашалар жасалып жатыр...
StatusCreateIniEntries=INI жазбалары жасалып жатыр...
StatusCreateRegistryEntries=Тізілім жазбалары жасалып жатыр...
StatusRegisterFiles=Файлдар тіркеліп жатыр...
StatusSavingUninstall=Жоюға қажет мәлімет сақталып жатыр...
StatusRunProgram=Орнату аяқталып жатыр...
StatusRestartingApplications=Бағдарламалар қайта іске қосылып жатыр...
StatusRollback=Өзгерістер кері қайтарылып жатыр...

; *** Misc. errors
ErrorInternal2=Ішкі қате: %1
ErrorFunctionFailedNoCode=%1 орындалмады
ErrorFunctionFailed=%1 орындалмады; коды %2
ErrorFunctionFailedWithMessage=%1 орындалмады; коды %2.%n%3
ErrorExecutingProgram=Файлды іске қосу мүмкін болмады:%n%1

; *** Registry errors
ErrorRegOpenKey=Тізілім кілтін ашу кезінде қате шықты:%n%1\%2
ErrorRegCreateKey=Тізілім кілтін жасау кезінде қате шықты:%n%1\%2
ErrorRegWriteKey=Тізілім кілтіне жазу кезінде қате шықты:%n%1\%2

; *** INI errors
ErrorIniEntry="%1" файлында INI жазбасын жасау кезінде қате шықты.

; *** File copying errors
FileAbortRetryIgnoreSkipNotRecommended=Бұл файлды &өткізіп жіберу (ұсынылмайды)
FileAbortRetryIgnoreIgnoreNotRecommended=Қатені елемей, &жалғастыру (ұсынылмайды)
SourceIsCorrupted=Бастапқы файл бүлінген
SourceDoesntExist="%1" бастапқы файлы жоқ
SourceVerificationFailed=Бастапқы файлды тексеру сәтсіз аяқталды: %1
VerificationSignatureDoesntExist="%1" қолтаңба файлы жоқ
VerificationSignatureInvalid="%1" қолтаңба файлы жарамсыз
VerificationKeyNotFound="%1" қолтаңба файлында белгісіз кілт қолданылған
VerificationFileNameIncorrect=Файлдың атауы дұрыс емес
VerificationFileTagIncorrect=Файлдың тегі дұрыс емес
VerificationFileSizeIncorrect=Файлдың өлшемі дұрыс емес
VerificationFileHashIncorrect=Файлдың хэші дұрыс емес
ExistingFileReadOnly2=Бар файлды ауыстыру мүмкін болмады: ол «тек оқу үшін» деп белгіленген.
ExistingFileReadOnlyRetry=«Тек оқу үшін» төлсипатын алып тастап, қайталап &көру
ExistingFileReadOnlyKeepExisting=Бар файлды &қалдыру
ErrorReadingExistingDest=Бар файлды оқу кезінде қате шықты:
FileExistsSelectAction=Әрекетті таңдаңыз
FileExists2=Файл бұрыннан бар.
FileExistsOverwriteExisting=Бар файлдың &үстінен жазу
FileExistsKeepExisting=Бар файлды &қалдыру
FileExistsOverwriteOrKeepAll=Келесі қайшылықтарда да &осылай істеу
ExistingFileNewerSelectAction=Әрекетті таңдаңыз
ExistingFileNewer2=Бар файл орнату бағдарламасы орнатқалы тұрған файлдан жаңарақ.
ExistingFileNewerOverwriteExisting=Бар файлдың &үстінен жазу
ExistingFileNewerKeepExisting=Бар файлды &қалдыру (ұсынылады)
ExistingFileNewerOverwriteOrKeepAll=Келесі қайшылықтарда да &осылай істеу
ErrorChangingAttr=Бар файлдың төлсипаттарын өзгерту кезінде қате шықты:
ErrorCreatingTemp=Орнату қалтасында файл жасау кезінде қате шықты:
ErrorReadingSource=Бастапқы файлды оқу кезінде қате шықты:
ErrorCopying=Файлды көшіру кезінде қате шықты:
ErrorDownloading=Файлды жүктеу кезінде қате шықты:
ErrorExtracting=Мұрағатты шығару кезінде қате шықты:
ErrorReplacingExistingFile=Бар файлды ауыстыру кезінде қате шықты:
ErrorRestartReplace=RestartReplace орындалмады:
ErrorRenamingTemp=Орнату қалтасындағы файлдың атын өзгерту кезінде қате шықты:
ErrorRegisterServer=DLL/OCX тіркеу мүмкін болмады: %1
ErrorRegSvr32Failed=RegSvr32 %1 кодымен аяқталды
ErrorRegisterTypeLib=Типтер кітапханасын тіркеу мүмкін болмады: %1

; *** Uninstall display name markings
; used for example as 'My Program (32-bit)'
UninstallDisplayNameMark=%1 (%2)
; used for example as 'My Program (32-bit, All users)'
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32 биттік
UninstallDisplayNameMark64Bit=64 биттік
UninstallDisplayNameMarkAllUsers=Барлық пайдаланушы
UninstallDisplayNameMarkCurrentUser=Ағымдағы пайдаланушы

; *** Post-installation errors
ErrorOpeningReadme=README файлын ашу кезінде қате шықты.
ErrorRestartingComputer=Орнату бағдарламасы компьютерді қайта іске қоса алмады. Оны өзіңіз қайта іске қосыңыз.

; *** Uninstaller messages
UninstallNotFound="%1" файлы жоқ. Жою мүмкін емес.
UninstallOpenError="%1" файлын ашу мүмкін болмады. Жою мүмкін емес
UninstallUnsupportedVer="%1" жою журналының пішімін жою бағдарламасының бұл нұсқасы танымайды. Жою мүмкін емес
UninstallUnknownEntry=Жою журналында белгісіз жазба (%1) кездесті
ConfirmUninstall=%1 бағдарламасын барлық құрамдас бөлігімен бірге толық жойғыңыз келе ме?
UninstallOnlyOnWin64=Бұл бағдарламаны тек 64 биттік Windows жүйесінде жоюға болады.
OnlyAdminCanUninstall=Бұл бағдарламаны тек әкімші құқықтары бар пайдаланушы жоя алады.
UninstallStatusLabel=%1 бағдарламасы компьютерден жойылып жатыр, күте тұрыңыз.
UninstalledAll=%1 бағдарламасы компьютерден толық жойылды.
UninstalledMost=%1 бағдарламасын жою аяқталды.%n%nКейбір элементтерді жою мүмкін болмады. Оларды қолмен жоюға болады.
UninstalledAndNeedsRestart=%1 бағдарламасын жоюды аяқтау үшін компьютерді қайта іске қосу керек.%n%nҚазір қайта іске қосасыз ба?
UninstallDataCorrupted="%1" файлы бүлінген. Жою мүмкін емес

; *** Uninstallation phase messages
ConfirmDeleteSharedFileTitle=Ортақ файлды жою керек пе?
ConfirmDeleteSharedFile2=Жүйенің деректері бойынша мына ортақ файлды енді ешбір бағдарлама пайдаланбайды. Жою бағдарламасы осы ортақ файлды жойсын ба?%n%nЕгер файлды әлі де бір бағдарлама пайдаланып жүрсе, ол жойылған соң сол бағдарлама дұрыс жұмыс істемеуі мүмкін. Сенімді болмасаңыз, «Жоқ» түймесін таңдаңыз. Файлдың жүйеде қалғаны ешқандай зиян келтірмейді.
SharedFileNameLabel=Файлдың атауы:
SharedFileLocationLabel=Орны:
WizardUninstalling=Жою барысы
StatusUninstalling=%1 бағдарламасы жойылып жатыр...

; *** Shutdown block reasons
ShutdownBlockReasonInstallingApp=%1 бағдарламасы орнатылып жатыр.
ShutdownBlockReasonUninstallingApp=%1 бағдарламасы жойылып жатыр.

; The custom messages below aren't used by Setup itself, but scripts use them.

[CustomMessages]

NameAndVersion=%1, нұсқасы %2
AdditionalIcons=Қосымша таңбашалар:
CreateDesktopIcon=&Жұмыс үстелінде таңбаша жасау
CreateQuickLaunchIcon=&Жылдам іске қосу тақтасында таңбаша жасау
ProgramOnTheWeb=%1 интернетте
UninstallProgram=%1 бағдарламасын жою
LaunchProgram=%1 бағдарламасын іске қосу
AssocFileExtension=%1 бағдарламасын %2 кеңейтімді файлдармен &байланыстыру
AssocingFileExtension=%1 бағдарламасы %2 кеңейтімді файлдармен байланыстырылып жатыр...
AutoStartProgramGroupDescription=Автоматты түрде іске қосу:
AutoStartProgram=%1 бағдарламасын автоматты түрде іске қосу
AddonHostProgramNotFound=Таңдалған қалтада %1 табылмады.%n%nБәрібір жалғастырасыз ба?
