# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = PINコードが必要ですが、入力を求める端末がありません。
rec-no-terminal = --pin-stdin（標準入力の1行目にPINコード）または --pin-file PATH を指定してください。
err-cancelled = 中止しました。
err-missing-pin-line = { $source } からPINコードが { $needed } 行必要ですが、{ $got } 行しかありません。
rec-missing-pin-line = 1行に1つずつPINコードを書いてください。change-pin では古いPINコード、新しいPINコードの順です。
err-read-pin = { $source } からPINコードを読めません: { $error }
err-pin-input-too-large = { $source } はPINコードのファイルとしては大きすぎます。
rec-read-pin = PINコードを入れたファイルまたはパイプを確認してください。
err-pin-mismatch = 新しいPINコードと確認入力が一致しません。
rec-pin-mismatch = 同じ新しいPINコードを2回入力してください。
rec-pin-rule = 新しいPINコードは4～16桁で、英字(小文字)と数字だけが使えます。
pin-rule-empty = 新しいPINコードが入力されていません。
pin-rule-too-short = 新しいPINコードが { $len } 桁です。4桁以上にしてください。
pin-rule-too-long = 新しいPINコードが { $len } 桁です。16桁以下にしてください。
pin-rule-upper-case = 新しいPINコードに英大文字が含まれています。英字(小文字)と数字だけが使えます。
pin-rule-full-width = 新しいPINコードに全角文字が含まれています。半角の英字(小文字)と数字で入力してください。
pin-rule-space = 新しいPINコードに空白が含まれています。
pin-rule-other = 新しいPINコードに英字(小文字)と数字以外の文字が含まれています。
prompt-pin = PINコード
prompt-old-pin = 古いPINコード
prompt-new-pin = 新しいPINコード（英字(小文字)と数字で4～16桁）
prompt-new-pin-again = 新しいPINコード（確認）

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = フォルダー { $path } がありません。
rec-fs-no-folder = 存在するフォルダーを指定してください（USBメモリは差し込まれていますか）。
err-fs-not-a-folder = { $path } はフォルダーではありません。
err-fs-read-only = { $path } に書き込めません。読み取り専用か、権限がありません。
rec-fs-read-only = 別のフォルダーを指定するか、USBメモリの書き込み禁止スイッチを確認してください。
err-fs-disk-full = { $path } のドライブに空き容量がありません。
rec-fs-disk-full = 空き容量を確保するか、別のドライブを指定してください。
err-fs-exists = { $path } は既にあります。上書きしていません。
rec-fs-exists = 別の名前を指定するか、置き換えるときは --force を指定してください。
err-fs-not-found = ファイル { $path } がありません。
rec-fs-not-found = パスを確認してください。`gidcert scan` で電子証明書ファイルを探せます。
err-fs-too-large = { $path } は { $len } バイトあり、電子証明書ファイルとしては大きすぎます。
rec-fs-too-large = 数キロバイトの電子証明書ファイル（.p12）を指定しているか確認してください。
err-fs-verify = { $path } に書き込んだ内容を読み返すと一致しませんでした。このファイルは残していません。
err-fs-write = { $path } に書き込めません: { $error }
rec-fs-write = 何も置き換えていません。ドライブ（取り外されていないか）を確認して、もう一度実行してください。
err-fs-read = { $path } を読めません: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------
err-write-iterations = 反復回数 { $requested } は gidcert が書き込める範囲（{ $min }～{ $max }）の外です。
rec-write-iterations = --iterations を省略して既定値（{ $default }）を使うか、範囲内の数を指定してください。
err-write-empty = 電子証明書ファイルに書き込む内容がありません。
err-write-pin-encoding = PINコードに、PKCS#12 ファイルで扱えない文字が含まれています。
err-write-bad-der = 電子証明書ファイルの一部をそのまま書き戻せませんでした（{ $what }）。
err-write-crypto = 暗号化に失敗しました（{ $what }）。
rec-write-bug = 何も変更していません。gidcert の不具合です。ファイルやPINコードを添えずに報告してください。
err-changepin-needs-confirmation = PINコードをプロンプトで入力していないため、確認なしで電子証明書ファイルを置き換えることになります。
rec-changepin-needs-confirmation = 置き換えるときは --yes を（先に元のPINコードのままのバックアップを作成してください）、別のファイルに書き出すときは --out NEWFILE を指定してください。
err-changepin-declined = PINコードを変更していません。ファイルはそのままです。
err-changepin-same-pin = 新しいPINコードが現在のPINコードと同じです。
rec-changepin-same-pin = 現在と異なる新しいPINコードを指定してください。
err-changepin-mismatch = 新しいファイルの内容が元のファイルと一致しませんでした（{ $what }）。新しいファイルは残さず、元のファイルはそのままです。
err-changepin-old-pin-opens = 古いPINコードで新しいファイルを開けてしまいました。新しいファイルは残さず、元のファイルはそのままです。
err-changepin-no-reader = この gidcert では、まだ電子証明書ファイルを開けません。
changepin-backup-reminder = PINコードを変更する前に、元のPINコードのままの電子証明書ファイルのバックアップをUSBメモリに保存してください。新しいPINコードを忘れた場合、戻す方法はそのバックアップと通知書のPINコードだけです。それもない場合は電子証明書の再発行が必要です。
changepin-backup-offer = バックアップがまだない場合は、ここで中止して次を実行してください: gidcert backup { $file }
changepin-confirm = { $file } を新しいPINコードで保護したものに置き換えますか？
changepin-done = PINコードを変更しました: { $path }
changepin-encryption = 書き込んだ暗号方式: { $encryption }、MAC { $mac }、反復回数 { $iterations }。
changepin-imports-modern = OpenSSL 1.1.1 以降、Java 8u301 / 11.0.12 以降、Firefox・Thunderbird（NSS）、Windows 10 1709 以降、macOS 14 以降で読み込めます。それより古い環境では --legacy を指定してください。
changepin-imports-legacy = 旧方式（3DES、SHA-1 MAC）: macOS 14 より前のキーチェーンや Windows 10 1709 より前の Windows を含むほぼすべての環境で読み込めますが、PINコードの保護は弱くなります。
strength-summary = 新しいPINコードは { $len } 桁で、組合せは { $possibilities } 通りです。グラフィックカード1枚で、約 { $time } ですべて試せます。
strength-assumption = （無作為に選んだPINコードの場合です。単語・名前・日付などはずっと早く推測されます。）
strength-recommend = { $recommended } 桁以上をお勧めします。
duration-seconds = { $n } 秒
duration-minutes = { $n } 分
duration-hours = { $n } 時間
duration-days = { $n } 日
duration-years = { $n } 年
duration-over-million-years = 100万年以上

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
